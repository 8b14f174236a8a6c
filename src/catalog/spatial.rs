//! A grid of listing slots by location, so that "near me" and map
//! viewports visit the listings of the cells they cover instead of every
//! listing.

use std::collections::HashMap;

use crate::domain::geo::EARTH_RADIUS_M;

/// Cell size in degrees: about 1.1 km north-south, and 0.9 km east-west at
/// Seoul's latitude; a 2 km radius then covers some thirty cells.
const CELL_DEGREES: f64 = 0.01;

/// Past this many cells a region is cheaper to scan than to walk.
const MAX_CELLS: i64 = 4096;

/// A latitude and longitude range (west not east of east).
#[derive(Debug, Clone, Copy)]
pub(super) struct Region {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

impl Region {
    /// The part of both regions.
    pub(super) fn overlap(self, other: Region) -> Region {
        Region {
            south: self.south.max(other.south),
            north: self.north.min(other.north),
            west: self.west.max(other.west),
            east: self.east.min(other.east),
        }
    }
}

/// A point as a unit vector (NaN when unknown). The squared chord between
/// two unit vectors grows with their great-circle distance, so comparing
/// chords orders and bounds distances with no trigonometry per listing.
pub(super) fn unit(latitude: f64, longitude: f64) -> [f64; 3] {
    let (latitude, longitude) = (latitude.to_radians(), longitude.to_radians());
    [
        latitude.cos() * longitude.cos(),
        latitude.cos() * longitude.sin(),
        latitude.sin(),
    ]
}

/// The squared chord between two unit vectors.
pub(super) fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    x * x + y * y + z * z
}

/// The squared chord of a great-circle distance in metres.
pub(super) fn chord2_of_metres(metres: f64) -> f64 {
    let chord =
        2.0 * (metres.min(std::f64::consts::PI * EARTH_RADIUS_M) / (2.0 * EARTH_RADIUS_M)).sin();
    chord * chord
}

fn cell_of(degrees: f64) -> i32 {
    // Coordinates are within ±180°, so the cell number fits.
    (degrees / CELL_DEGREES).floor() as i32
}

/// A listing placed in the grid, with its coordinates beside it so that
/// a query reads each cell's listings in one sweep, without a memory
/// access per listing elsewhere (which, at a million listings, misses the
/// cache for nearly every one).
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub slot: u32,
    /// Latitude and longitude.
    pub point: [f64; 2],
    /// The point as a unit vector ([`unit`]).
    pub unit: [f64; 3],
}

/// Listings per cell, in insertion order.
#[derive(Debug, Default)]
pub(super) struct Grid {
    cells: HashMap<(i32, i32), Vec<Placed>>,
}

impl Grid {
    /// Places `slot` at a point.
    pub(super) fn add(&mut self, slot: u32, latitude: f64, longitude: f64) {
        if latitude.is_finite() && longitude.is_finite() {
            let key = (cell_of(latitude), cell_of(longitude));
            self.cells.entry(key).or_default().push(Placed {
                slot,
                point: [latitude, longitude],
                unit: unit(latitude, longitude),
            });
        }
    }

    /// Forgets every slot.
    pub(super) fn clear(&mut self) {
        self.cells.clear();
    }

    /// Every listing placed in a cell that meets `region` (a superset of
    /// the listings inside it), or `None` when the region spans so many
    /// cells that a scan is cheaper.
    pub(super) fn around(&self, region: Region) -> Option<impl Iterator<Item = &Placed> + '_> {
        // An empty region still yields its one cell: callers test each
        // listing exactly, so a superset is always right.
        let cells = self.cells(region)?;
        Some(cells.into_iter().flat_map(|cell| cell.placed.iter()))
    }
}

/// One grid cell's listings and the region it spans.
pub(super) struct Cell<'a> {
    pub region: Region,
    pub placed: &'a [Placed],
}

impl Grid {
    /// The non-empty cells that meet `region`, or `None` past
    /// [`MAX_CELLS`], as [`Grid::around`].
    pub(super) fn cells(&self, region: Region) -> Option<Vec<Cell<'_>>> {
        let (south, north) = (cell_of(region.south), cell_of(region.north));
        let (west, east) = (cell_of(region.west), cell_of(region.east));
        let rows = (i64::from(north) - i64::from(south) + 1).max(0);
        let columns = (i64::from(east) - i64::from(west) + 1).max(0);
        if rows * columns > MAX_CELLS {
            return None;
        }
        let mut cells = Vec::new();
        for row in south..=north {
            for column in west..=east {
                if let Some(placed) = self.cells.get(&(row, column)) {
                    cells.push(Cell {
                        region: Region {
                            south: f64::from(row) * CELL_DEGREES,
                            north: f64::from(row + 1) * CELL_DEGREES,
                            west: f64::from(column) * CELL_DEGREES,
                            east: f64::from(column + 1) * CELL_DEGREES,
                        },
                        placed,
                    });
                }
            }
        }
        Some(cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chords_order_points_as_their_distances_do() {
        use crate::domain::geo::{GeoPoint, distance_m};
        let city_hall = GeoPoint {
            latitude: 37.5665,
            longitude: 126.9780,
        };
        let from = unit(city_hall.latitude, city_hall.longitude);
        let mut last = 0.0;
        for step in 1..50 {
            let point = GeoPoint {
                latitude: city_hall.latitude + f64::from(step) * 0.001,
                longitude: city_hall.longitude - f64::from(step) * 0.0007,
            };
            let metres = distance_m(city_hall, point);
            let chord = chord2(&from, &unit(point.latitude, point.longitude));
            assert!(chord > last);
            assert!((chord / chord2_of_metres(metres) - 1.0).abs() < 1e-6);
            last = chord;
        }
    }

    #[test]
    fn a_region_yields_the_slots_of_the_cells_it_meets() {
        let mut grid = Grid::default();
        grid.add(0, 37.5665, 126.9780);
        grid.add(1, 37.5700, 126.9800);
        grid.add(2, 35.1796, 129.0756);
        grid.add(3, f64::NAN, f64::NAN);
        let region = Region {
            south: 37.56,
            north: 37.58,
            west: 126.97,
            east: 126.99,
        };
        let mut found: Vec<u32> = grid.around(region).unwrap().map(|p| p.slot).collect();
        found.sort_unstable();
        assert_eq!(found, [0, 1]);
        let world = Region {
            south: -90.0,
            north: 90.0,
            west: -180.0,
            east: 180.0,
        };
        assert!(grid.around(world).is_none());
    }
}
