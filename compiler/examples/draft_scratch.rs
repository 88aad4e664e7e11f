fn main() {
    let text = std::env::args().nth(1).unwrap();
    match zhengce_compiler::draft::draft(&text, "x.txt") {
        Ok(d) => println!("{}", d.text),
        Err(e) => println!("ERR {}", e.message()),
    }
}
