//! rabbitmqadmin's table output: boxed columns, left-aligned.

/// Renders rows under headers; no rows prints `No items`, as rabbitmqadmin does.
pub fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return "No items".to_string();
    }
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .fold(h.chars().count(), usize::max)
        })
        .collect();
    let rule = widths
        .iter()
        .map(|w| "-".repeat(w + 2))
        .fold(String::from("+"), |acc, seg| acc + &seg + "+");
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!(" {c}{} ", " ".repeat(w - c.chars().count())))
            .fold(String::from("|"), |acc, seg| acc + &seg + "|")
    };
    let mut out = vec![rule.clone(), line(headers.to_vec()), rule.clone()];
    for r in rows {
        out.push(line(r.iter().map(String::as_str).collect()));
    }
    out.push(rule);
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn columns_fit_the_widest_cell() {
        let rows = vec![vec!["hello".to_string(), "1".to_string()]];
        assert_eq!(
            render(&["name", "messages"], &rows),
            "+-------+----------+\n| name  | messages |\n+-------+----------+\n| hello | 1        |\n+-------+----------+"
        );
        assert_eq!(render(&["name"], &[]), "No items");
    }
}
