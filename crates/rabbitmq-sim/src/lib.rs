//! RabbitMQ (AMQP 0-9-1) broker model and a deterministic simulation of producers and consumers.
//!
//! The model follows rabbitmq-server 3.10 as a pika client sees it: the same routing,
//! the same queue behaviour, the same reply codes and texts. Time is virtual (milliseconds
//! passed in by the caller) and randomness comes from a seed, so every run replays exactly.

#![warn(missing_docs)]

pub mod admin;
pub mod binding;
pub mod broker;
pub mod channel;
pub mod dead_letter;
pub mod error;
pub mod event;
pub mod exchange;
pub mod message;
pub mod queue;
pub mod sim;
pub mod table;
pub mod value;

pub use broker::Broker;
pub use broker::delivery::Delivery;
pub use broker::publish::{Publish, Published};
pub use broker::topology::{DeclareOk, ExchangeDeclare, QueueDeclare};
pub use error::{AmqpError, AmqpResult};
pub use event::{Event, RoutedTo};
pub use sim::Simulation;
