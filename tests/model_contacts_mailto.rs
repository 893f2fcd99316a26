//! `mailto:` links from data (issue #18): one plain address, never extra headers.

use koers::model::contacts::mailto_href;

#[test]
fn plain_addresses_become_links() {
    assert_eq!(
        mailto_href(" ruth.blom@vertrouwenswerk.example "),
        Some("mailto:ruth.blom@vertrouwenswerk.example".into())
    );
    assert!(mailto_href("o'neill+koers@post.example.nl").is_some());
}

#[test]
fn headers_and_second_recipients_are_refused() {
    for bad in [
        "ruth@example.org?bcc=spy@evil.example",
        "ruth@example.org?body=hallo",
        "ruth@example.org&cc=x@y.z",
        "ruth@example.org,spy@evil.example",
        "ruth@example.org;spy@evil.example",
        "ruth%40example.org",
        "ruth@exa mple.org",
        "Ruth <ruth@example.org>",
        "ruth@example.org#x",
        "ruth",
        "@example.org",
        "ruth@localhost",
        "ruth@@example.org",
        "ruth@-example.org",
        "ruth@example..org",
        ".ruth@example.org",
        "",
    ] {
        assert_eq!(mailto_href(bad), None, "{bad}");
    }
}
