"""Serving the workbooks with Voilà: the server, the app builders workbooks call, the page's link."""
