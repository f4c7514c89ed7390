fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1);
    println!("{task:?}");
    Ok(())
}
