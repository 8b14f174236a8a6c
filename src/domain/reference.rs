//! Cities and their districts: the reference data every listing points to.
//! Small and read on every request, so it is held in memory.

/// A district of a city.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// Code unique within its city, e.g. `gangnam`.
    pub code: String,
    /// Latitude of the district's centre.
    pub latitude: f64,
    /// Longitude of the district's centre.
    pub longitude: f64,
}

/// A city the directory covers.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// Code, e.g. `seoul`.
    pub code: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: String,
    /// IANA time zone, e.g. `Asia/Seoul`.
    pub time_zone: String,
    /// Latitude of the city centre.
    pub latitude: f64,
    /// Longitude of the city centre.
    pub longitude: f64,
    /// Its districts, in display order.
    pub districts: Vec<District>,
}

/// Every city, in display order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceData {
    cities: Vec<City>,
}

impl ReferenceData {
    /// Wraps cities listed in display order.
    pub fn new(cities: Vec<City>) -> Self {
        ReferenceData { cities }
    }

    /// Every city, in display order.
    pub fn cities(&self) -> &[City] {
        &self.cities
    }

    /// The city with this code.
    pub fn city(&self, code: &str) -> Option<&City> {
        self.cities.iter().find(|city| city.code == code)
    }

    /// The district `code` of city `city`.
    pub fn district(&self, city: &str, code: &str) -> Option<&District> {
        self.city(city)?.districts.iter().find(|d| d.code == code)
    }

    /// True when some city has a district with this code.
    pub fn any_district(&self, code: &str) -> bool {
        self.cities
            .iter()
            .any(|city| city.districts.iter().any(|d| d.code == code))
    }
}
