//! The preview walks the content folder again only when a save adds or removes a
//! file: the watcher reports every change, and at 10,000 plans the walk is a third of
//! a save. A file the report does not name is found by the next build that walks.

mod common;

use common::Site;
use common::preview::{built, pages, same};
use planpub::engine::preview::Preview;
use planpub::progress::Quiet;

const DAZU: &str = "content/plans/dazu-ip-action-plan-2025-2027";

#[test]
fn only_a_save_that_adds_or_removes_a_file_walks_the_content_folder() {
    let site = Site::bundled();
    let mut preview = Preview::new(site.root());
    preview.build(&Quiet).expect("first build");
    let attachment = format!("{DAZU}/note.txt");
    let served = |files: &planpub::engine::preview::Files| {
        files.keys().any(|path| path.ends_with("/note.txt"))
    };

    // An attachment the report does not name, and a prose save it does, made the
    // way many editors save: a temporary file renamed over the text.
    site.write(&attachment, "附件");
    let index = format!("{DAZU}/index.md");
    let text = site.read(&index);
    site.write(&index, &format!("{text}\n本段为新增的说明文字。\n"));
    let report = [site.path(&format!("{index}.tmp")), site.path(&index)];
    let out = preview.build_after(&report, &Quiet).expect("prose save");
    assert!(!served(&out.files), "the folder was walked again");
    assert!(
        String::from_utf8_lossy(&out.files["plans/dazu-ip-action-plan-2025-2027/index.html"])
            .contains("本段为新增的说明文字")
    );

    // Named, it is found; and the site is what a full build makes.
    let out = preview
        .build_after(&[site.path(&attachment)], &Quiet)
        .expect("added");
    assert!(served(&out.files));
    same(&pages(&out.files), &pages(&built(&site).into()));

    // Removed and named, it is gone.
    std::fs::remove_file(site.path(&attachment)).expect("removed");
    let out = preview
        .build_after(&[site.path(&attachment)], &Quiet)
        .expect("removed");
    assert!(!served(&out.files));
    same(&pages(&out.files), &pages(&built(&site).into()));

    // So is a file in a new folder.
    let nested = format!("{DAZU}/files/b.txt");
    site.write(&nested, "附件");
    let out = preview
        .build_after(
            &[site.path(&format!("{DAZU}/files")), site.path(&nested)],
            &Quiet,
        )
        .expect("added in a folder");
    assert!(out.files.keys().any(|path| path.ends_with("/files/b.txt")));
    same(&pages(&out.files), &pages(&built(&site).into()));

    // A folder moved away is reported alone, without the files it held.
    std::fs::rename(site.path(&format!("{DAZU}/files")), site.path("moved-away")).expect("moved");
    let out = preview
        .build_after(&[site.path(&format!("{DAZU}/files"))], &Quiet)
        .expect("moved away");
    assert!(!out.files.keys().any(|path| path.ends_with("/files/b.txt")));
    same(&pages(&out.files), &pages(&built(&site).into()));

    // A build told nothing walks.
    site.write(&attachment, "附件");
    let out = preview.build(&Quiet).expect("walked");
    assert!(served(&out.files));
}
