//! COMMAND and its subcommands (COUNT, LIST, INFO, DOCS): the command table
//! and its documentation as 7.0 reports them, limited to the commands this
//! engine implements.

use crate::commands::{COMMANDS, Command};
use crate::docs::{self, CommandDoc};
use crate::reply::{Reply, errors};
use crate::{ClientId, Server, args, glob};

type Result = std::result::Result<Reply, Reply>;

/// Every command and subcommand, each top-level command followed by its
/// subcommands, as COMMAND LIST walks the table.
fn every_command() -> impl Iterator<Item = &'static Command> {
    COMMANDS
        .iter()
        .flat_map(|c| std::iter::once(c).chain(c.subcommands))
}

/// `lookupCommandBySds`: a name, or `container|sub`, in any case.
fn by_full_name(name: &[u8]) -> Option<&'static Command> {
    every_command().find(|c| c.name.as_bytes().eq_ignore_ascii_case(name))
}

fn doc_of(command: &Command) -> Option<&'static CommandDoc> {
    docs::find(command.name)
}

/// `addReplyCommandInfo`: name, arity, flags, first key, last key, step,
/// ACL categories, tips, key specs, subcommands.
fn info_reply(command: &Command) -> Reply {
    let mut fields = vec![
        Reply::bulk(command.name),
        Reply::Integer(command.arity.into()),
    ];
    fields.extend(
        doc_of(command)
            .map(|d| docs::parse_notation(d.info))
            .unwrap_or_default(),
    );
    fields.push(Reply::Array(
        command.subcommands.iter().map(info_reply).collect(),
    ));
    Reply::Array(fields)
}

/// `addReplyCommandDocs` without the fields that are Redis's prose
/// (complexity, replaced_by, history): a map sent as a flat array.
fn docs_reply(command: &Command) -> Reply {
    let Some(doc) = doc_of(command) else {
        return Reply::Array(Vec::new());
    };
    let mut map = vec![
        Reply::bulk("summary"),
        Reply::bulk(doc.summary),
        Reply::bulk("since"),
        Reply::bulk(doc.since),
        Reply::bulk("group"),
        Reply::bulk(doc.group),
    ];
    if let Some((_, since)) = docs::DEPRECATED.iter().find(|(n, _)| *n == doc.name) {
        map.extend([
            Reply::bulk("doc_flags"),
            Reply::Array(vec![Reply::Status("deprecated".into())]),
            Reply::bulk("deprecated_since"),
            Reply::bulk(since),
        ]);
    }
    if let [Reply::Array(arguments)] = docs::parse_notation(doc.arguments).as_slice()
        && !arguments.is_empty()
    {
        map.push(Reply::bulk("arguments"));
        map.push(Reply::Array(arguments.clone()));
    }
    if !command.subcommands.is_empty() {
        map.push(Reply::bulk("subcommands"));
        map.push(Reply::Array(
            command
                .subcommands
                .iter()
                .flat_map(|sub| [Reply::bulk(sub.name), docs_reply(sub)])
                .collect(),
        ));
    }
    Reply::Array(map)
}

/// COMMAND: the info of every top-level command.
pub fn command(_: &mut Server, _: ClientId, _: &[Vec<u8>]) -> Result {
    Ok(Reply::Array(COMMANDS.iter().map(info_reply).collect()))
}

/// COMMAND COUNT: how many top-level commands there are.
pub fn command_count(_: &mut Server, _: ClientId, _: &[Vec<u8>]) -> Result {
    Ok(Reply::count(COMMANDS.len()))
}

/// Which commands COMMAND LIST FILTERBY keeps.
enum Filter<'a> {
    /// No module is loaded, so no command belongs to one.
    Module,
    AclCategory(&'a [u8]),
    Pattern(&'a [u8]),
}

impl Filter<'_> {
    fn keeps(&self, command: &Command) -> bool {
        match self {
            Filter::Module => false,
            Filter::AclCategory(category) => doc_of(command).is_some_and(|doc| {
                doc.info.split_whitespace().any(|word| {
                    let word = word.trim_matches(['[', ']']);
                    word.strip_prefix("+@")
                        .is_some_and(|c| c.as_bytes().eq_ignore_ascii_case(category))
                })
            }),
            Filter::Pattern(pattern) => glob::matches(pattern, command.name.as_bytes(), true),
        }
    }
}

/// COMMAND LIST [FILTERBY MODULE name|ACLCAT category|PATTERN pattern].
pub fn command_list(_: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let mut filter = None;
    let mut rest = &argv[2..];
    while let Some(option) = rest.first() {
        match rest {
            [_, kind, value] if args::is(option, "filterby") => {
                filter = Some(if args::is(kind, "module") {
                    Filter::Module
                } else if args::is(kind, "aclcat") {
                    Filter::AclCategory(value)
                } else if args::is(kind, "pattern") {
                    Filter::Pattern(value)
                } else {
                    return Err(Reply::error(errors::SYNTAX));
                });
                rest = &rest[3..];
            }
            _ => return Err(Reply::error(errors::SYNTAX)),
        }
    }
    Ok(Reply::bulks(
        every_command()
            .filter(|c| filter.as_ref().is_none_or(|f| f.keeps(c)))
            .map(|c| c.name),
    ))
}

/// COMMAND INFO [name ...]: each named command's info (nil if unknown), or all.
pub fn command_info(server: &mut Server, client: ClientId, argv: &[Vec<u8>]) -> Result {
    if argv.len() == 2 {
        return command(server, client, argv);
    }
    Ok(Reply::Array(
        argv[2..]
            .iter()
            .map(|name| by_full_name(name).map_or(Reply::Nil, info_reply))
            .collect(),
    ))
}

/// COMMAND DOCS [name ...]: name and docs of each known named command, or of all.
pub fn command_docs(_: &mut Server, _: ClientId, argv: &[Vec<u8>]) -> Result {
    let chosen: Vec<&Command> = if argv.len() == 2 {
        COMMANDS.iter().collect()
    } else {
        argv[2..].iter().filter_map(|n| by_full_name(n)).collect()
    };
    Ok(Reply::Array(
        chosen
            .into_iter()
            .flat_map(|c| [Reply::bulk(c.name), docs_reply(c)])
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(server: &mut Server, line: &[&str]) -> Reply {
        let client = server.connect();
        server.execute(
            client,
            line.iter().map(|a| a.as_bytes().to_vec()).collect(),
            0,
        )
    }

    #[test]
    fn count_and_list_cover_the_table() {
        let mut server = Server::new(1);
        assert_eq!(
            run(&mut server, &["COMMAND", "COUNT"]),
            Reply::count(COMMANDS.len())
        );
        let Reply::Array(names) = run(&mut server, &["COMMAND", "LIST"]) else {
            panic!("not an array");
        };
        assert_eq!(names.len(), every_command().count());
        assert!(names.contains(&Reply::bulk("config|get")));
        assert_eq!(
            run(
                &mut server,
                &["command", "list", "filterby", "aclcat", "nosuchcategory"]
            ),
            Reply::Array(vec![])
        );
        let Reply::Array(writes) = run(
            &mut server,
            &["command", "list", "filterby", "aclcat", "list"],
        ) else {
            panic!("not an array");
        };
        assert!(writes.contains(&Reply::bulk("blmpop")) && !writes.contains(&Reply::bulk("sadd")));
    }

    #[test]
    fn docs_give_summary_since_group_and_arguments() {
        let mut server = Server::new(1);
        let Reply::Array(reply) = run(&mut server, &["COMMAND", "DOCS", "getset", "nosuch"]) else {
            panic!("not an array");
        };
        assert_eq!(reply[0], Reply::bulk("getset"));
        let Reply::Array(map) = &reply[1] else {
            panic!("docs are not a map");
        };
        let keys: Vec<&Reply> = map.iter().step_by(2).collect();
        assert_eq!(
            keys,
            [
                "summary",
                "since",
                "group",
                "doc_flags",
                "deprecated_since",
                "arguments"
            ]
            .map(Reply::bulk)
            .iter()
            .collect::<Vec<_>>()
        );
        assert_eq!(reply.len(), 2);
    }

    #[test]
    fn info_of_a_container_lists_its_subcommands() {
        let mut server = Server::new(1);
        let Reply::Array(reply) = run(&mut server, &["COMMAND", "INFO", "config"]) else {
            panic!("not an array");
        };
        let Some(Reply::Array(info)) = reply.first() else {
            panic!("no info");
        };
        assert_eq!(info.len(), 10);
        let Reply::Array(subcommands) = &info[9] else {
            panic!("no subcommands");
        };
        let names: Vec<&Reply> = subcommands
            .iter()
            .filter_map(|s| match s {
                Reply::Array(fields) => fields.first(),
                _ => None,
            })
            .collect();
        assert_eq!(
            names,
            [
                &Reply::bulk("config|get"),
                &Reply::bulk("config|resetstat"),
                &Reply::bulk("config|set")
            ]
        );
    }
}
