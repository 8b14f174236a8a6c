//! Distances and map viewports on the WGS 84 sphere approximation, which is
//! within 0.5 % of the ellipsoid: ample for "near me" within a city.

/// A point on the map (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoPoint {
    /// Degrees north, -90..=90.
    pub latitude: f64,
    /// Degrees east, -180..=180.
    pub longitude: f64,
}

/// Mean Earth radius in metres (IUGG).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres (haversine).
pub fn distance_m(a: GeoPoint, b: GeoPoint) -> f64 {
    let (lat1, lat2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let d_lat = lat2 - lat1;
    let d_lon = (b.longitude - a.longitude).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// A map viewport: west, south, east, north (RFC 7946 bbox order). A box
/// whose west edge is east of its east edge crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    /// Western longitude.
    pub west: f64,
    /// Southern latitude.
    pub south: f64,
    /// Eastern longitude.
    pub east: f64,
    /// Northern latitude.
    pub north: f64,
}

impl BoundingBox {
    /// True when the point lies inside (edges included).
    pub fn contains(&self, point: GeoPoint) -> bool {
        let in_latitude = (self.south..=self.north).contains(&point.latitude);
        let in_longitude = if self.west <= self.east {
            (self.west..=self.east).contains(&point.longitude)
        } else {
            point.longitude >= self.west || point.longitude <= self.east
        };
        in_latitude && in_longitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances_are_reproduced() {
        let city_hall = GeoPoint {
            latitude: 37.5665,
            longitude: 126.9780,
        };
        let gangnam = GeoPoint {
            latitude: 37.5172,
            longitude: 127.0473,
        };
        let d = distance_m(city_hall, gangnam);
        assert!((d - 8_208.75).abs() < 0.01, "{d}");
        assert_eq!(distance_m(city_hall, city_hall), 0.0);
        // One degree of latitude is about 111.2 km.
        let north = GeoPoint {
            latitude: 38.5665,
            longitude: 126.9780,
        };
        assert!((distance_m(city_hall, north) - 111_195.0).abs() < 10.0);
    }

    #[test]
    fn boxes_may_cross_the_antimeridian() {
        let pacific = BoundingBox {
            west: 170.0,
            south: -10.0,
            east: -170.0,
            north: 10.0,
        };
        assert!(pacific.contains(GeoPoint {
            latitude: 0.0,
            longitude: 179.0
        }));
        assert!(pacific.contains(GeoPoint {
            latitude: 0.0,
            longitude: -175.0
        }));
        assert!(!pacific.contains(GeoPoint {
            latitude: 0.0,
            longitude: 0.0
        }));
    }
}
