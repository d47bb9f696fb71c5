//! Hashes of what a site's files say, for telling what changed between two reads of a
//! site: the engine's page digests ([`crate::engine`]) are made of them.
//!
//! A plan's body text and its indicator table are the parts editors change most, and
//! with a report's values the only ones whose effect stays local: they show on the
//! plan's page and on the pages that compare or cite it, or on the pages of the
//! report's region and of the targets its values answer. Anything else (site.yaml, a region, the catalogue, a
//! template, a plan's front matter, a file added or removed) can change every page.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Loaded;

/// Hashes of the parts of a read site, compared by [`Fingerprint::change_to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Everything whose change can touch every page.
    everything: u64,
    /// Per plan id: its index.md (which, its front matter being in `everything`,
    /// tells a change to its body text) and its indicator table.
    plans: BTreeMap<String, (u64, u64)>,
    /// Per report id: its text.
    reports: BTreeMap<String, u64>,
}

impl Fingerprint {
    pub fn of(loaded: &Loaded) -> Fingerprint {
        let mut all = DefaultHasher::new();
        if let Some(site) = &loaded.site {
            site.file.text.hash(&mut all);
        }
        for doc in &loaded.regions {
            (&doc.id, doc.file.digest()).hash(&mut all);
        }
        for doc in &loaded.catalogue {
            (&doc.id, doc.file.digest()).hash(&mut all);
        }
        if let Some(units) = &loaded.units {
            units.file.text.hash(&mut all);
        }
        loaded.theme.name.hash(&mut all);
        for (name, file) in &loaded.theme.templates {
            (name, &file.text).hash(&mut all);
        }
        // Names only: no page shows a theme file's size, and a stylesheet's new bytes
        // are served without rendering a page again.
        for asset in &loaded.theme.statics {
            asset.rel.hash(&mut all);
        }
        let mut plans = BTreeMap::new();
        for plan in &loaded.plans {
            let front = &plan.index.file.text[plan.index.yaml.clone()];
            // Sizes too: a plan page shows each download's size.
            let assets: Vec<(&str, u64)> = plan
                .assets
                .iter()
                .map(|a| (a.rel.as_str(), a.size))
                .collect();
            (&plan.id, front, plan.indicators.is_some(), assets).hash(&mut all);
            let table = plan.indicators.as_ref().map_or(0, |t| t.file.digest());
            // The whole file's: its front matter is in `everything` as well, so this
            // changes alone only when the body text does.
            plans.insert(plan.id.clone(), (plan.index.file.digest(), table));
        }
        let mut reports = BTreeMap::new();
        for doc in &loaded.reports {
            doc.id.hash(&mut all);
            reports.insert(doc.id.clone(), doc.file.digest());
        }
        Fingerprint {
            everything: all.finish(),
            plans,
            reports,
        }
    }

    /// The hash of everything whose change can touch every page.
    pub fn everything(&self) -> u64 {
        self.everything
    }

    /// The hashes of a plan's index.md and indicator table: the first tells a change
    /// to its body text, as `everything` holds its front matter.
    pub fn plan(&self, id: &str) -> Option<(u64, u64)> {
        self.plans.get(id).copied()
    }

    /// The plans whose body text alone changed since `was`, when nothing else did:
    /// `None` when anything but plans' body texts differs.
    pub fn texts_changed_since(&self, was: &Fingerprint) -> Option<Vec<&str>> {
        if self.everything != was.everything
            || self.reports != was.reports
            || self.plans.len() != was.plans.len()
        {
            return None;
        }
        let mut changed = Vec::new();
        for ((id, (text, table)), (was_id, (was_text, was_table))) in
            self.plans.iter().zip(&was.plans)
        {
            if id != was_id || table != was_table {
                return None;
            }
            if text != was_text {
                changed.push(id.as_str());
            }
        }
        Some(changed)
    }

    /// The hash of a report's text.
    pub fn report(&self, id: &str) -> Option<u64> {
        self.reports.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn site(dir: &std::path::Path, body: &str, table_value: &str, title: &str) {
        fs::create_dir_all(dir.join("content/plans/p")).unwrap();
        fs::write(
            dir.join("site.yaml"),
            "title: t\nbase_url: https://x.gov.cn/\n",
        )
        .unwrap();
        fs::write(
            dir.join("content/plans/p/index.md"),
            format!("---\ntitle: {title}\nregion: r\nkind: 规划\n---\n{body}\n"),
        )
        .unwrap();
        fs::write(
            dir.join("content/plans/p/indicators.md"),
            format!("---\nindicators: []\n# {table_value}\n---\n"),
        )
        .unwrap();
    }

    fn print(dir: &std::path::Path) -> Fingerprint {
        Fingerprint::of(&crate::load::load(dir, &crate::progress::Quiet).0)
    }

    #[test]
    fn tells_a_report_edit_from_a_new_report() {
        let dir = tempfile::tempdir().unwrap();
        site(dir.path(), "正文", "1", "规划");
        let before = print(dir.path());
        fs::create_dir_all(dir.path().join("content/reports")).unwrap();
        fs::write(
            dir.path().join("content/reports/r.md"),
            "---\nvalues: []\n---\n",
        )
        .unwrap();
        let added = print(dir.path());
        assert_ne!(before.everything(), added.everything());
        fs::write(
            dir.path().join("content/reports/r.md"),
            "---\nvalues: []\n# 改了\n---\n",
        )
        .unwrap();
        let edited = print(dir.path());
        assert_eq!(added.everything(), edited.everything());
        assert_ne!(added.report("r"), edited.report("r"));
        assert_eq!(added.plan("p"), edited.plan("p"));
    }

    #[test]
    fn tells_a_plan_edit_from_a_site_wide_one() {
        let dir = tempfile::tempdir().unwrap();
        site(dir.path(), "正文", "1", "规划");
        let before = print(dir.path());
        assert_eq!(before, print(dir.path()));

        site(dir.path(), "正文改了", "1", "规划");
        let body = print(dir.path());
        assert_eq!(before.everything(), body.everything());
        let (text, table) = before.plan("p").unwrap();
        let (new_text, new_table) = body.plan("p").unwrap();
        assert_ne!(text, new_text);
        assert_eq!(table, new_table);

        site(dir.path(), "正文改了", "2", "规划");
        let table_edit = print(dir.path());
        assert_eq!(body.everything(), table_edit.everything());
        assert_ne!(body.plan("p").unwrap().1, table_edit.plan("p").unwrap().1);

        site(dir.path(), "正文改了", "2", "新标题");
        assert_ne!(table_edit.everything(), print(dir.path()).everything());
    }

    #[test]
    fn names_the_plans_whose_text_alone_changed() {
        let dir = tempfile::tempdir().unwrap();
        site(dir.path(), "正文", "1", "规划");
        let before = print(dir.path());
        assert_eq!(before.texts_changed_since(&before), Some(vec![]));
        site(dir.path(), "正文改了", "1", "规划");
        let text = print(dir.path());
        assert_eq!(text.texts_changed_since(&before), Some(vec!["p"]));
        site(dir.path(), "正文改了", "2", "规划");
        assert_eq!(print(dir.path()).texts_changed_since(&text), None);
        site(dir.path(), "正文改了", "1", "新标题");
        assert_eq!(print(dir.path()).texts_changed_since(&text), None);
    }
}
