# Labels of the embeddable widget (GET /embed/listings).

embed-title = Services for foreign residents
embed-skip-to-results = Skip to the results
embed-categories = Categories
embed-all-categories = All
embed-phone = Phone
embed-email = E-mail
embed-website = Website
embed-address = Address
embed-opening-hours = Opening hours
embed-languages = Languages spoken
embed-applications = Applications
embed-map = Map
embed-map-link = Show on OpenStreetMap
embed-opens-in-new-tab = opens in a new tab
embed-sample-note = Sample listing for demonstration: it does not exist.
embed-no-results = No listings match these filters.
embed-pages = Pages
embed-next-page = Next page
embed-first-page = First page
embed-show-all = Show all listings
