//! A multilingual directory API of services for foreign residents of Seoul
//! and its twin and partner cities.
//!
//! Layers point one way: [`api`] (HTTP) uses [`domain`], [`db`] and
//! [`i18n`]; [`db`] and [`i18n`] use [`domain`]; [`domain`] uses nothing.

pub mod api;
pub mod app;
pub mod catalog;
pub mod commands;
pub mod config;
pub mod db;
pub mod domain;
pub mod exchange;
pub mod i18n;
pub mod keys;
pub mod seed;
pub mod startup;
pub mod telemetry;
