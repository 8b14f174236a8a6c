//! Building the application: locales, database, demo data, routes, and
//! the listener. Tests build it the same way on port 0.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::api::cache::ResponseCache;
use crate::api::editing::EditingState;
use crate::api::editing::security::{cors, security_headers};
use crate::api::locale::negotiate_locale;
use crate::api::state::AppState;
use crate::api::{self, RouteTable};
use crate::config::Settings;
use crate::db::{self, Database};
use crate::i18n::Locales;
use crate::seed;

/// A built, listening application.
pub struct Application {
    server: Server,
    port: u16,
}

impl Application {
    /// Loads the locales, prepares the database (migrations, demo data) and
    /// binds the listener. Any failure here stops start-up with its cause.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
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

        let state = AppState::new(
            db,
            locales,
            reference,
            ResponseCache::new(settings.response_cache_ttl()),
        );
        let document = api::openapi_document();
        let routes = RouteTable::from_openapi(&document);
        let editing = EditingState::new(&settings.editing);
        let origins = settings.editing.cors_allowed_origins.clone();
        let mut server = HttpServer::new(move || {
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(api::configure)
                .split_for_parts();
            app.app_data(web::Data::new(state.clone()))
                .app_data(web::Data::new(routes.clone()))
                .app_data(web::Data::new(editing.clone()))
                .configure(api::extractor_configs)
                .service(web::redirect("/docs", "/docs/"))
                .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", document.clone()))
                .default_service(web::to(api::route_not_found))
                .wrap(cors(&origins))
                .wrap(from_fn(negotiate_locale))
                .wrap(from_fn(security_headers))
                .wrap(TracingLogger::default())
        })
        .listen(listener)?;
        if let Some(workers) = settings.workers {
            server = server.workers(usize::from(workers));
        }
        Ok(Application {
            server: server.run(),
            port,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle to stop the server (tests stop theirs, so that database
    /// connections do not outlive them).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until the process is asked to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
