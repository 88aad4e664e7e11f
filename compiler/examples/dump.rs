fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    let parsed = zhengce_compiler::parse(&src, &path);
    println!(
        "{}",
        serde_json::to_string_pretty(&parsed.document).unwrap()
    );
    for d in &parsed.diagnostics {
        eprintln!(
            "{} {} {:?}",
            d.code,
            d.message,
            d.labels.first().map(|l| &src[l.span.start..l.span.end])
        );
    }
}
