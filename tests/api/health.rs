//! Probes.

use crate::backend_tests;

backend_tests! {
    async fn liveness_and_readiness_answer_ok(app: TestApp) {
        for path in ["/healthz", "/readyz"] {
            let reply = app.get(path, None).await;
            assert_eq!(reply.status, 200, "{path}");
            assert_eq!(reply.json(), serde_json::json!({"status": "ok"}));
        }
    }
}
