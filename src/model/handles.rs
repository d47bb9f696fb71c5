//! Typed handles to the site's regions, plans, catalogue indicators, reports and
//! region families, and the [`Table`] they index.
//!
//! A handle is a position in one of the site's tables and can index only that table,
//! so a plan's position can never be used to look up a region. Handles are made by the
//! table that holds the items, which is why they are always in bounds for it.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// Declares a handle: a position that indexes a [`Table`] of one kind.
macro_rules! handles {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl Handle for $name {
            fn from_position(i: usize) -> Self {
                Self(i)
            }
            fn position(self) -> usize {
                self.0
            }
        }

        #[cfg(test)]
        impl $name {
            /// The handle at position `i`, for tests that build tables by hand.
            // Not every kind of handle is made by hand in a test.
            #[allow(dead_code)]
            pub(crate) const fn nth(i: usize) -> Self {
                Self(i)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    )*};
}

/// A position in a [`Table`]. Implemented only by the handles declared here.
pub trait Handle: Copy + Eq + Ord + std::hash::Hash + fmt::Debug {
    #[doc(hidden)]
    fn from_position(i: usize) -> Self;
    /// The handle's position in its table, for dense per-item arrays and ordering.
    fn position(self) -> usize;
}

handles! {
    /// A region of the site (`content/regions/`).
    RegionIx;
    /// A plan of the site (`content/plans/`).
    PlanIx;
    /// An indicator of the catalogue (`content/indicators.yaml`).
    IndicatorIx;
    /// A report of reported values (`content/reports/`).
    ReportIx;
    /// A family of regions compared with each other (see `link::families`).
    FamilyIx;
}

/// Items of one kind, indexed by their handle `H` only.
#[derive(Clone, PartialEq)]
pub struct Table<H, T> {
    items: Vec<T>,
    handle: PhantomData<fn() -> H>,
}

impl<H: Handle, T> Table<H, T> {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds an item and returns its handle.
    pub fn push(&mut self, item: T) -> H {
        self.items.push(item);
        H::from_position(self.items.len() - 1)
    }

    pub fn get(&self, h: H) -> Option<&T> {
        self.items.get(h.position())
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Every handle of the table, in table order.
    pub fn handles(&self) -> impl ExactSizeIterator<Item = H> + DoubleEndedIterator + use<H, T> {
        (0..self.items.len()).map(H::from_position)
    }

    /// Every item with its handle, in table order.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (H, &T)> {
        self.items
            .iter()
            .enumerate()
            .map(|(i, t)| (H::from_position(i), t))
    }

    /// The items in table order, as a slice (for parallel iteration and sorting
    /// helpers that need one); positions in it are the handles' positions.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// A table of the same handles holding `f` of each item.
    pub fn map<'a, U>(&'a self, f: impl FnMut(&'a T) -> U) -> Table<H, U> {
        Table::from(self.items.iter().map(f).collect::<Vec<_>>())
    }

    /// A table of the same handles holding `f` of each handle and item.
    pub fn map_with<'a, U>(&'a self, mut f: impl FnMut(H, &'a T) -> U) -> Table<H, U> {
        Table::from(self.enumerate().map(|(h, t)| f(h, t)).collect::<Vec<_>>())
    }

    /// A table with one `value` per handle of this table.
    pub fn filled<U: Clone>(&self, value: U) -> Table<H, U> {
        Table::from(vec![value; self.items.len()])
    }
}

impl<H: Handle + Send, T: Send + Sync> Table<H, T> {
    /// Items with their handle, for rayon.
    pub fn par_enumerate(&self) -> impl rayon::iter::IndexedParallelIterator<Item = (H, &T)> {
        use rayon::prelude::*;
        self.items
            .par_iter()
            .enumerate()
            .map(|(i, t)| (H::from_position(i), t))
    }
}

impl<H, T> From<Vec<T>> for Table<H, T> {
    fn from(items: Vec<T>) -> Self {
        Self {
            items,
            handle: PhantomData,
        }
    }
}

impl<H, T> FromIterator<T> for Table<H, T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<H, T> Default for Table<H, T> {
    fn default() -> Self {
        Self::from(Vec::new())
    }
}

impl<H: Handle, T> Index<H> for Table<H, T> {
    type Output = T;
    fn index(&self, h: H) -> &T {
        &self.items[h.position()]
    }
}

impl<H: Handle, T> IndexMut<H> for Table<H, T> {
    fn index_mut(&mut self, h: H) -> &mut T {
        &mut self.items[h.position()]
    }
}

impl<'a, H, T> IntoIterator for &'a Table<H, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'a, H, T> IntoIterator for &'a mut Table<H, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter_mut()
    }
}

impl<H, T> IntoIterator for Table<H, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<H, T: std::hash::Hash> std::hash::Hash for Table<H, T> {
    fn hash<S: std::hash::Hasher>(&self, state: &mut S) {
        self.items.hash(state);
    }
}

impl<H, T: fmt::Debug> fmt::Debug for Table<H, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.items).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_indexed_by_its_own_handles_in_order() {
        let t: Table<PlanIx, &str> = Table::from(vec!["a", "b", "c"]);
        let hs: Vec<PlanIx> = t.handles().collect();
        assert_eq!(hs.len(), 3);
        assert_eq!(t[hs[1]], "b");
        assert_eq!(hs[2].position(), 2);
        assert!(hs[0] < hs[1]);
        let upper = t.map(|s| s.to_uppercase());
        assert_eq!(upper[hs[2]], "C");
        assert_eq!(
            t.enumerate()
                .map(|(h, s)| (h.position(), *s))
                .collect::<Vec<_>>(),
            vec![(0, "a"), (1, "b"), (2, "c")]
        );
        assert_eq!(format!("{:?}", hs[1]), "PlanIx(1)");
        assert!(t.get(hs[2]).is_some());
    }
}
