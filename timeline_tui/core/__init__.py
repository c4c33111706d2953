"""The data core: model, dates, loader, filtering and search. No Textual here."""
