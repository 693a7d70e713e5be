//! Scenarios: console sessions over the engines (one per dialect), shared by the web app and the `playground` CLI.
