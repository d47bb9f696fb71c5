//! The output folder is replaced whole, and only by a build that succeeded: a failed
//! build leaves the previous site byte for byte and no temporary folder behind.

mod common;

use std::fs;

use common::{Site, snapshot_dir};

fn leftovers(site: &Site) -> Vec<String> {
    fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planpub-"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::fixture("basic");
    site.build().ok();
    let before = snapshot_dir(&site.path("output"));
    assert!(before.len() > 10);

    // A content error, then a template error: neither may touch output/.
    site.edit(
        "content/regions/east.md",
        "level: district",
        "level: distrct",
    );
    site.build()
        .fails_with(&["distrct", "previous output is unchanged"]);
    assert_eq!(snapshot_dir(&site.path("output")), before);
    site.edit(
        "content/regions/east.md",
        "level: distrct",
        "level: district",
    );
    site.edit(
        "themes/default/templates/index.html",
        "{{ counts.plans }}",
        "{{ counts.nothing }}",
    );
    site.build().fails_with(&["template error"]);
    assert_eq!(snapshot_dir(&site.path("output")), before);
    assert!(
        leftovers(&site).is_empty(),
        "temporary folders left: {:?}",
        leftovers(&site)
    );
}

#[test]
fn a_successful_build_replaces_the_whole_site() {
    let site = Site::fixture("basic");
    site.build().ok();
    assert!(
        site.path("output/plans/east-work-points/index.html")
            .is_file()
    );
    fs::remove_dir_all(site.path("content/plans/east-work-points")).unwrap();
    site.build().ok();
    assert!(
        !site.path("output/plans/east-work-points").exists(),
        "a removed plan's page must not survive a rebuild"
    );
    assert!(leftovers(&site).is_empty());
}

#[test]
fn refuses_to_replace_a_folder_planpub_did_not_build() {
    let site = Site::fixture("basic");
    site.write("mine/notes.txt", "keep me");
    let run = site.run(&["build", "--output", site.path("mine").to_str().unwrap()]);
    run.fails_with(&["refusing to replace", "not built by planpub"]);
    assert_eq!(site.read("mine/notes.txt"), "keep me");
}

#[test]
fn refuses_to_write_over_the_site_itself() {
    let site = Site::fixture("basic");
    let run = site.run(&["build", "--output", site.root().to_str().unwrap()]);
    run.fails_with(&["refusing to replace"]);
    assert!(site.path("content/regions/east.md").is_file());
}

#[test]
fn builds_into_a_chosen_folder() {
    let site = Site::fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    site.run(&["build", "--output", target.to_str().unwrap()])
        .ok();
    assert!(target.join("plans/east-action-plan/index.html").is_file());
    // A second build over its own output is allowed.
    site.run(&["build", "--output", target.to_str().unwrap()])
        .ok();
}
