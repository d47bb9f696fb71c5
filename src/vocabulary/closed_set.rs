//! `closed_set!`: a closed set of the content format (a level, a measure, a
//! comparator…) written as one table, from which the enum, the spellings the model
//! stage accepts, the canonical name serde and the open data write, and the Chinese
//! label pages show are all generated.
//!
//! Before, each set spelt its variants three or four times (the enum, serde renames,
//! a `CHOICES` table, a `label()` match) and other modules listed them again by hand,
//! so a new variant could be accepted in YAML and missing from the schema or the
//! open data's constraints. One row per variant leaves nothing to keep in step.
//!
//! ```text
//! closed_set! {
//!     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
//!     pub enum Comparator {
//!         AtLeast = "≥" | ">=" => "不少于",
//!         //        ^ canonical name, then other accepted spellings
//!         //                        ^ Chinese label (every row, or none)
//!     }
//! }
//! ```
//!
//! The macro writes `Serialize` itself, as the canonical name: serde's derive would
//! need the name a second time in a `rename`. The output is what the derive with
//! renames gives (a unit variant), so JSON, CSV and templates see the same strings.

/// See the module documentation. Every set is `Copy`, which `name()` and
/// `Serialize` rely on.
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $set:ident {
            $($(#[$vmeta:meta])* $variant:ident = $name:literal $(| $alt:literal)* => $label:literal),+ $(,)?
        }
    ) => {
        closed_set! {
            $(#[$meta])*
            $vis enum $set {
                $($(#[$vmeta])* $variant = $name $(| $alt)*),+
            }
        }

        impl $set {
            /// The Chinese label pages show.
            pub const fn label(self) -> &'static str {
                match self {
                    $($set::$variant => $label),+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $set:ident {
            $($(#[$vmeta:meta])* $variant:ident = $name:literal $(| $alt:literal)*),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $set {
            $($(#[$vmeta])* $variant),+
        }

        impl $set {
            /// Every value, in the table's order, which is the order pages list them.
            pub const ALL: &'static [$set] = &[$($set::$variant),+];

            /// Every spelling the model stage accepts, each canonical name first and
            /// its other spellings after it: the schemas offer all of them.
            pub const CHOICES: &'static [(&'static str, $set)] =
                &[$(($name, $set::$variant), $(($alt, $set::$variant),)*)+];

            /// The canonical names, one a value, for constraints that list what the
            /// open data holds.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The canonical name: what YAML, serde and the open data write.
            pub const fn name(self) -> &'static str {
                match self {
                    $($set::$variant => $name),+
                }
            }

            /// The value `s` spells, in any accepted spelling.
            pub fn parse(s: &str) -> Option<$set> {
                Self::CHOICES.iter().find(|(n, _)| *n == s).map(|(_, v)| *v)
            }
        }

        impl ::serde::Serialize for $set {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_unit_variant(stringify!($set), *self as u32, self.name())
            }
        }
    };
}

pub(crate) use closed_set;

#[cfg(test)]
mod tests {
    closed_set! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Sign {
            Plus = "+" | "plus" => "加",
            Minus = "-" => "减",
        }
    }

    #[test]
    fn one_row_gives_every_column() {
        assert_eq!(Sign::ALL, [Sign::Plus, Sign::Minus]);
        assert_eq!(Sign::NAMES, ["+", "-"]);
        let spellings: Vec<&str> = Sign::CHOICES.iter().map(|(n, _)| *n).collect();
        assert_eq!(spellings, ["+", "plus", "-"]);
        assert_eq!(Sign::parse("plus"), Some(Sign::Plus));
        assert_eq!(Sign::parse("加"), None);
        assert_eq!(Sign::Minus.label(), "减");
        assert_eq!(
            serde_json::to_string(&Sign::Plus).ok().as_deref(),
            Some("\"+\"")
        );
    }
}
