"""The curators' desk: the collection seen, checked and changed from a browser.

Its own process (`kiosk desk`), beside the kiosk on the same collection folder. It reads
and checks with the content layer and never imports Qt: what the kiosk shows is the
kiosk's business, through the folder.
"""
