//! RabbitMQ (AMQP 0-9-1) broker model and a deterministic simulation of producers and consumers.
