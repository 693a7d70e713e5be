//! The editor's files: the tabs, and the folder a program runs in. A program's
//! `import helper` reads `helper.py` from the tabs, as python3 reads it from the
//! program's folder on disk; it reads the tab as it is when the import runs.

use std::cell::RefCell;
use std::rc::Rc;

use python::vm::Files;

/// The folder the tabs stand for, as tracebacks print it.
pub const FOLDER: &str = "/home/learner";

/// One tab: a file of the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramFile {
    /// Its name in the folder, e.g. `producer.py`.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Why a file name was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    /// A `/` would put it in another folder.
    Slash,
    /// Another tab has it.
    Taken,
}

/// The tabs, in order, and the one shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tabs {
    files: Vec<ProgramFile>,
    current: usize,
}

impl Tabs {
    /// Tabs holding one file, shown.
    pub fn new(name: &str, text: &str) -> Tabs {
        Tabs {
            files: vec![ProgramFile {
                name: name.to_owned(),
                text: text.to_owned(),
            }],
            current: 0,
        }
    }

    /// Every file, in tab order.
    pub fn files(&self) -> &[ProgramFile] {
        &self.files
    }

    /// The index of the tab shown.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The file shown.
    pub fn current(&self) -> &ProgramFile {
        &self.files[self.current]
    }

    /// The file named `name`, if a tab has it.
    pub fn get(&self, name: &str) -> Option<&ProgramFile> {
        self.files.iter().find(|file| file.name == name)
    }

    /// Shows tab `index`.
    pub fn select(&mut self, index: usize) {
        if index < self.files.len() {
            self.current = index;
        }
    }

    /// Replaces the text of the file shown.
    pub fn set_text(&mut self, text: String) {
        self.files[self.current].text = text;
    }

    /// Replaces the text of the file named `name`.
    pub fn set_text_of(&mut self, name: &str, text: String) {
        if let Some(file) = self.files.iter_mut().find(|file| file.name == name) {
            file.text = text;
        }
    }

    /// Adds an empty file with the first free name of `stem.py`, `stem2.py`, … and shows
    /// it; returns its name.
    pub fn add(&mut self, stem: &str) -> String {
        let name = (1..)
            .map(|n| match n {
                1 => format!("{stem}.py"),
                n => format!("{stem}{n}.py"),
            })
            .find(|name| self.get(name).is_none())
            .unwrap_or_default();
        self.files.push(ProgramFile {
            name: name.clone(),
            text: String::new(),
        });
        self.current = self.files.len() - 1;
        name
    }

    /// Renames tab `index`, unless another tab has the name or it is not a file name.
    pub fn rename(&mut self, index: usize, name: &str) -> Result<(), NameProblem> {
        let name = name.trim();
        if name.is_empty() {
            return Err(NameProblem::Empty);
        }
        if name.contains('/') {
            return Err(NameProblem::Slash);
        }
        if self
            .files
            .iter()
            .enumerate()
            .any(|(i, file)| i != index && file.name == name)
        {
            return Err(NameProblem::Taken);
        }
        if let Some(file) = self.files.get_mut(index) {
            file.name = name.to_owned();
        }
        Ok(())
    }

    /// Deletes tab `index`; the last tab stays, as a folder with a program in it.
    pub fn delete(&mut self, index: usize) {
        if self.files.len() <= 1 || index >= self.files.len() {
            return;
        }
        self.files.remove(index);
        if self.current > index || self.current == self.files.len() {
            self.current -= 1;
        }
    }
}

/// The tabs as a process's folder: `Files` reads them when the program asks.
#[derive(Clone)]
pub struct Folder(pub Rc<RefCell<Tabs>>);

impl Files for Folder {
    fn read(&self, path: &str) -> Option<String> {
        self.0.borrow().get(path).map(|file| file.text.clone())
    }

    fn folder(&self) -> String {
        FOLDER.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_files_take_the_first_free_name_and_are_shown() {
        let mut tabs = Tabs::new("main.py", "print(1)\n");
        assert_eq!(tabs.add("helper"), "helper.py");
        assert_eq!(tabs.add("helper"), "helper2.py");
        assert_eq!(tabs.current().name, "helper2.py");
        assert_eq!(tabs.files().len(), 3);
    }

    #[test]
    fn a_name_must_be_free_and_in_the_folder() {
        let mut tabs = Tabs::new("main.py", "");
        tabs.add("untitled");
        assert_eq!(tabs.rename(1, "main.py"), Err(NameProblem::Taken));
        assert_eq!(tabs.rename(1, "  "), Err(NameProblem::Empty));
        assert_eq!(tabs.rename(1, "lib/helper.py"), Err(NameProblem::Slash));
        assert_eq!(tabs.rename(1, " helper.py "), Ok(()));
        assert_eq!(tabs.files()[1].name, "helper.py");
        assert_eq!(tabs.rename(1, "helper.py"), Ok(()), "its own name is free");
    }

    #[test]
    fn deleting_keeps_a_tab_shown_and_never_the_last_one() {
        let mut tabs = Tabs::new("a.py", "");
        tabs.add("b");
        tabs.add("c");
        tabs.select(2);
        tabs.delete(2);
        assert_eq!(
            tabs.current().name,
            "b.py",
            "the tab before takes its place"
        );
        tabs.delete(0);
        assert_eq!(tabs.current().name, "b.py", "the shown file stays shown");
        tabs.delete(0);
        assert_eq!(tabs.files().len(), 1, "a folder keeps one file");
    }

    #[test]
    fn the_folder_reads_the_tabs_as_they_are_now() {
        let tabs = Rc::new(RefCell::new(Tabs::new("main.py", "import helper\n")));
        let folder = Folder(Rc::clone(&tabs));
        assert_eq!(folder.read("helper.py"), None);
        tabs.borrow_mut().add("helper");
        tabs.borrow_mut().set_text("x = 1\n".to_owned());
        assert_eq!(folder.read("helper.py").as_deref(), Some("x = 1\n"));
        assert_eq!(folder.folder(), "/home/learner");
    }
}
