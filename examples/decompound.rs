//! Show the compound parts the splitter finds: `cargo run --example decompound -- Wort …`
//! (words are lowercased; without arguments, a few examples are shown).
use pressespiegel::analysis::decompound::split_compound;

fn main() {
    let mut words: Vec<String> = std::env::args().skip(1).collect();
    if words.is_empty() {
        words = [
            "Angriffskrieg",
            "Ölimporte",
            "Luftfahrtunternehmen",
            "Kirchturm",
            "Friedensabkommen",
            "Bundeskanzlerin",
            "Haltung",
            "insgesamt",
        ]
        .map(String::from)
        .to_vec();
    }
    for word in words {
        let word = word.to_lowercase();
        let parts: Vec<&str> = split_compound(&word)
            .into_iter()
            .map(|r| &word[r])
            .collect();
        println!("{word}: {parts:?}");
    }
}
