//! Building the application: locales, database, demo data, routes, and
//! the listener. Tests build it the same way on port 0.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::api::cache::ResponseCache;
use crate::api::cors::cors;
use crate::api::editing::EditingState;
use crate::api::editing::security::security_headers;
use crate::api::http_cache::{conditional_get, tag_content_coding};
use crate::api::locale::negotiate_locale;
use crate::api::reload::LocaleWatch;
use crate::api::state::{AppState, load_catalog};
use crate::api::{self, RouteTable};
use crate::config::Settings;
use crate::db::{self, Database};
use crate::domain::StaleAfter;
use crate::i18n::Locales;
use crate::seed;

/// A built, listening application.
pub struct Application {
    server: Server,
    port: u16,
    state: AppState,
}

impl Application {
    /// Loads the locales, prepares the database (migrations, demo data) and
    /// binds the listener. Any failure here stops start-up with its cause.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let watch = LocaleWatch::before_load(&settings.locales_dir);
        let locales = Locales::load(&settings.locales_dir).with_context(|| {
            format!(
                "cannot load the locales in {}",
                settings.locales_dir.display()
            )
        })?;
        let db = Database::connect(&settings.database_url, settings.database_pool_size)
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
        tracing::info!(
            address = %listener.local_addr()?,
            backend = db.backend(),
            locales = ?locales.all(),
            "listening"
        );

        // Read before the listings, so a write in between is caught later.
        let fingerprint = db
            .run(db::listings::fingerprint)
            .await
            .context("cannot read the listings")?;
        let catalog = load_catalog(&db, &locales, &reference)
            .await
            .context("cannot load the listings")?;
        tracing::info!(listings = catalog.len(), "catalog loaded");
        let state = AppState::new(
            db,
            locales,
            reference,
            catalog,
            fingerprint,
            ResponseCache::new(settings.response_cache_ttl()),
        )
        .with_stale_after(StaleAfter(settings.stale_after_days));
        if settings.catalog_refresh_ms > 0 {
            spawn_catalog_refresh(
                state.clone(),
                Duration::from_millis(settings.catalog_refresh_ms),
            );
        }
        if settings.locales_reload_ms > 0 {
            watch.spawn(
                state.clone(),
                Duration::from_millis(settings.locales_reload_ms),
            );
        }
        let document = api::openapi_document();
        let routes =
            RouteTable::from_openapi(&document).with_documentation("/openapi.json", "/docs/");
        let frame_ancestors = web::Data::new(settings.embed_frame_ancestors.clone());
        let cors_origins = web::Data::new(settings.cors_allowed_origins.clone());
        let editing = EditingState::new(&settings.editing);
        let app_state = state.clone();
        let mut server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(api::configure)
                .split_for_parts();
            app.app_data(web::Data::new(state.clone()))
                .app_data(web::Data::new(routes.clone()))
                .app_data(frame_ancestors.clone())
                .app_data(cors_origins.clone())
                .app_data(web::Data::new(editing.clone()))
                .configure(api::extractor_configs)
                .service(web::redirect("/docs", "/docs/"))
                .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", document.clone()))
                .default_service(web::to(api::route_not_found))
                // Innermost first. ETags are computed on the identity body
                // the handler made; the locale middleware then renders
                // errors (which get no ETag); security headers fill in what
                // a handler did not set; compression comes after, and the
                // coded body's tag is derived from it outside. CORS wraps
                // everything so 304s and preflights carry it.
                .wrap(from_fn(conditional_get))
                .wrap(from_fn(negotiate_locale))
                .wrap(from_fn(security_headers))
                .wrap(Compress::default())
                .wrap(from_fn(tag_content_coding))
                .wrap(from_fn(cors))
                .wrap(TracingLogger::default())
        })
        .listen(listener)?;
        if let Some(workers) = settings.workers {
            server = server.workers(usize::from(workers));
        }
        Ok(Application {
            server: server.run(),
            port,
            state: app_state,
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

    /// Serves until the process is asked to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Polls the database for changes made elsewhere (another instance behind
/// the load balancer, an import tool) and reloads the catalog when it finds
/// one, so instances converge within one interval.
fn spawn_catalog_refresh(state: AppState, every: Duration) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            if let Err(error) = state.refresh_if_changed().await {
                tracing::warn!(%error, "could not check for changed listings");
            }
        }
    });
}
