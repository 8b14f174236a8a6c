//! Building the application: locales, database, demo data, routes, and
//! the listener. Tests build it the same way on port 0.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::api::access::AccessRules;
use crate::api::editing::EditingState;
use crate::api::heavy::HeavyWork;
use crate::api::http::layers;
use crate::api::metrics::{Metrics, get_metrics};
use crate::api::observe::Network;
use crate::api::rate_limit::RateLimiter;
use crate::api::required_messages::required_ids;
use crate::api::{self, RouteTable};
use crate::app::cache::ResponseCache;
use crate::app::lifecycle::Lifecycle;
use crate::app::loading::load_catalog;
use crate::app::reload::{LocaleWatch, RequiredIds};
use crate::app::state::AppState;
use crate::app::sync::{self, SyncClock};
use crate::config::{PublicBaseUrl, Settings};
use crate::db::{self, Database, DatabaseUrl};
use crate::domain::StaleAfter;
use crate::seed;

/// How often the database is probed, so that a fault is noticed (and a
/// recovery is, too) without waiting for a request.
const HEALTH_EVERY: Duration = Duration::from_secs(1);

/// A built, listening application.
pub struct Application {
    server: Server,
    port: u16,
    state: AppState,
    lifecycle: Lifecycle,
    metrics_server: Option<(Server, u16)>,
}

impl Application {
    /// Loads the locales, prepares the database (migrations, demo data) and
    /// binds the listener. Any failure here stops start-up with its cause.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let source = settings.locale_source();
        let required: RequiredIds = Arc::new(|cities, languages| {
            required_ids(cities, languages.iter().map(String::as_str))
        });
        let watch = source
            .folder()
            .map(|dir| LocaleWatch::before_load(dir, required));
        let locales = source
            .load()
            .with_context(|| format!("cannot load the locales ({source})"))?;
        let operations = settings.operations.clone();
        let db = Database::connect_with_timeout(
            &settings.database_url,
            settings.database_pool_size,
            operations.database_timeout(),
        )
        .context("cannot open the database")?;
        let demo = settings.demo_data;
        let prepared = db.clone();
        tokio::task::spawn_blocking(move || {
            let data = demo.then(|| seed::demo_data(chrono::Utc::now()));
            db::prepare(&prepared, data.as_ref())
        })
        .await?
        .context("cannot prepare the database")?;
        let reference = db
            .run(db::reference::load)
            .await
            .context("cannot read the cities")?;

        if db
            .run(db::keys::live_admins)
            .await
            .context("cannot read the API keys")?
            == 0
        {
            tracing::warn!(
                "no admin API key exists: create the first one with \
                 `directory keys create --role admin --name NAME` (same DATABASE_URL)"
            );
        }

        let listener = TcpListener::bind(settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let public_base = match &operations.public_base_url {
            Some(base) => base.clone(),
            None => {
                let base = PublicBaseUrl::from_listener(listener.local_addr()?);
                if !settings.bind.ip().is_loopback() {
                    tracing::warn!(%base, "PUBLIC_BASE_URL is unset: absolute URLs use the listening address");
                }
                base
            }
        };
        tracing::info!(
            address = %listener.local_addr()?,
            backend = db.backend(),
            locales = ?locales.all(),
            public_base_url = %public_base,
            "listening"
        );

        let snapshots = settings.catalog_snapshot_folder();
        let catalog = load_catalog(&db, &locales, &reference, snapshots.as_deref())
            .await
            .context("cannot load the listings")?;
        tracing::info!(listings = catalog.len(), "catalog loaded");
        let state = AppState::new(
            db.clone(),
            locales,
            reference,
            catalog,
            ResponseCache::new(
                settings.response_cache_ttl(),
                settings.response_cache_budget_bytes(),
            ),
        )
        .with_stale_after(StaleAfter(settings.stale_after_days))
        .with_snapshots(snapshots);
        // A catalog read from its snapshot lacks the writes since: ready
        // means current, so catch up before serving.
        state
            .refresh_if_changed()
            .await
            .context("cannot catch up with the change log")?;
        let lifecycle = Lifecycle::default();
        let clock = SyncClock::default();
        let metrics = Metrics::new(state.clone(), clock.clone(), lifecycle.clone());
        let limits = RateLimiter::new(&settings.editing, &db, Some(metrics.clone()));
        limits.spawn_housekeeping();
        let editing = EditingState::new(&settings.editing, limits);
        // PostgreSQL wakes every instance at once; the poll stays, in case
        // a notification is lost with a connection.
        let wakes = match &settings.database_url {
            DatabaseUrl::Postgres(url) => {
                let (wake, wakes) = tokio::sync::mpsc::unbounded_channel();
                db::notify::spawn_listener(url, wake).context("cannot start the listener")?;
                Some(wakes)
            }
            DatabaseUrl::Sqlite(_) => None,
        };
        let poll = (settings.catalog_refresh_ms > 0)
            .then(|| Duration::from_millis(settings.catalog_refresh_ms));
        let sync_clock = web::Data::new(clock.clone());
        sync::spawn(state.clone(), clock, poll, wakes);
        spawn_health_monitor(db.clone());
        match watch {
            Some(watch) if settings.locales_reload_ms > 0 => {
                tracing::info!(folder = %source, "locale files are reloaded when saved");
                watch.spawn(
                    state.clone(),
                    Duration::from_millis(settings.locales_reload_ms),
                );
            }
            Some(_) => tracing::info!(folder = %source, "live reload of the locales is off"),
            None => tracing::info!(
                "locales built into the binary: nothing to watch; set LOCALES_DIR \
                 to a folder of locale folders to edit and reload them live"
            ),
        }
        let document = api::openapi_document();
        let routes =
            RouteTable::from_openapi(&document).with_documentation("/openapi.json", "/docs/");
        let access = web::Data::new(
            AccessRules::from_openapi(&document).context("cannot read the access rules")?,
        );
        let frame_ancestors = web::Data::new(settings.embed_frame_ancestors.clone());
        let cors_origins = web::Data::new(settings.cors_allowed_origins.clone());
        // Heavy work gets as many permits as there are cores: more would
        // only make each slower and starve the cheap reads.
        let heavy = web::Data::new(HeavyWork::new(
            std::thread::available_parallelism().map_or(2, usize::from),
        ));
        let network = web::Data::new(Network {
            proxies: operations.trusted_proxies.clone(),
            header: operations.trusted_proxy_header,
        });
        let public_base = web::Data::new(public_base);
        let lifecycle_data = web::Data::new(lifecycle.clone());
        let metrics_data = web::Data::new(metrics);
        let public_metrics = operations.metrics_bind.is_none();
        let app_state = state.clone();
        let app_metrics = metrics_data.clone();
        let mut server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(api::configure)
                .split_for_parts();
            let app = app
                .app_data(web::Data::new(state.clone()))
                .app_data(web::Data::new(routes.clone()))
                .app_data(access.clone())
                .app_data(heavy.clone())
                .app_data(frame_ancestors.clone())
                .app_data(cors_origins.clone())
                .app_data(network.clone())
                .app_data(public_base.clone())
                .app_data(lifecycle_data.clone())
                .app_data(app_metrics.clone())
                .app_data(sync_clock.clone())
                .app_data(web::Data::new(editing.clone()))
                .configure(api::extractor_configs)
                .configure(|config| {
                    if public_metrics {
                        config.route("/metrics", web::get().to(get_metrics));
                    }
                });
            let app = app
                .service(web::redirect("/docs", "/docs/"))
                .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", document.clone()))
                .default_service(web::to(api::route_not_found));
            layers::with_layers(app)
        })
        // SIGTERM is ours (see `Lifecycle`): actix would stop accepting at
        // once, before the load balancer has moved away.
        .disable_signals()
        .shutdown_timeout(operations.shutdown_timeout_secs)
        .listen(listener)?;
        if let Some(workers) = settings.workers {
            server = server.workers(usize::from(workers));
        }
        let server = server.run();
        let metrics_server = match operations.metrics_bind {
            Some(address) => Some(metrics_server(address, metrics_data)?),
            None => None,
        };
        spawn_shutdown(
            lifecycle.clone(),
            Duration::from_millis(operations.shutdown_drain_ms),
            server.handle(),
            metrics_server.as_ref().map(|(server, _)| server.handle()),
        );
        Ok(Application {
            server,
            port,
            state: app_state,
            lifecycle,
            metrics_server,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The shared state, so that tests can change data the way a write
    /// does (through the database, then [`AppState::data_changed`]).
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// A handle to stop the server, so that a test releases its workers
    /// and database connections when it ends.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Starts and ends shutdowns: what SIGTERM triggers, for tests too.
    pub fn lifecycle(&self) -> Lifecycle {
        self.lifecycle.clone()
    }

    /// The port of the separate metrics listener (`METRICS_BIND`), if any.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_server.as_ref().map(|(_, port)| *port)
    }

    /// Serves until the server stops (after a shutdown, or when stopped
    /// through its handle); the metrics listener stops with it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let metrics = self.metrics_server.map(|(server, _)| {
            let handle = server.handle();
            actix_web::rt::spawn(server);
            handle
        });
        let served = self.server.await;
        if let Some(metrics) = metrics {
            metrics.stop(true).await;
        }
        served
    }
}

/// `GET /metrics` alone, on its own address, so that it can stay off the
/// public listener (and behind a firewall).
fn metrics_server(
    address: std::net::SocketAddr,
    metrics: web::Data<Metrics>,
) -> anyhow::Result<(Server, u16)> {
    let listener = TcpListener::bind(address)
        .with_context(|| format!("cannot listen on {address} (METRICS_BIND)"))?;
    let port = listener.local_addr()?.port();
    tracing::info!(address = %listener.local_addr()?, "metrics listening");
    let server = HttpServer::new(move || {
        App::new()
            .app_data(metrics.clone())
            .route("/metrics", web::get().to(get_metrics))
    })
    .disable_signals()
    .workers(1)
    .listen(listener)?
    .run();
    Ok((server, port))
}

/// When a shutdown is requested: keep serving (readiness 503, connections
/// closed after each response) for `drain`, then stop accepting and let
/// in-flight requests finish within the server's shutdown timeout.
fn spawn_shutdown(
    lifecycle: Lifecycle,
    drain: Duration,
    server: ServerHandle,
    metrics: Option<ServerHandle>,
) {
    tokio::spawn(async move {
        lifecycle.requested().await;
        tokio::time::sleep(drain).await;
        tracing::info!("drained: no longer accepting connections");
        server.stop(true).await;
        if let Some(metrics) = metrics {
            metrics.stop(true).await;
        }
        tracing::info!("stopped");
    });
}

/// Probes the database every second, so that a fault opens the breaker
/// and a recovery closes it without waiting for a request to try.
fn spawn_health_monitor(db: Database) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(HEALTH_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            // Faults are logged (once) by the probe itself.
            let _ = db.probe().await;
        }
    });
}
