//! The HTTP API, served in-process on 127.0.0.1:0 and called with a real
//! HTTP client.

use std::sync::Arc;

use regie_model::{Channel, Language, MessageKind};
use regie_org::DefaultPolicy;

use crate::support::*;

const TOKEN: &str = "test-token-0123456789";

struct Running {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    _db: Db,
}

async fn start(db: Db) -> Running {
    let org = Arc::new(db.org(true, DefaultPolicy::Block));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(regie_org::server::serve(
        org,
        listener,
        TOKEN,
        Language::En,
        async move {
            let _ = rx.await;
        },
    ));
    Running {
        base,
        stop: Some(tx),
        task,
        _db: db,
    }
}

async fn json(r: reqwest::Response) -> (u16, serde_json::Value) {
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    (status, v)
}

fn error_code(v: &serde_json::Value) -> &str {
    v["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code: {v}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_and_checks_over_http() {
    let srv = start(sqlite()).await;
    let http = reqwest::Client::new();
    let post = |body: Vec<u8>, token: Option<&str>| {
        let mut r = http.post(format!("{}/v1/files", srv.base)).body(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    let f = file(1, 1, |p| {
        p.set(Channel::Push, MessageKind::Marketing, false).unwrap()
    });

    // No token, or a wrong one: 401, and nothing stored.
    let (s, v) = json(post(f.clone(), None).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (401, "unauthorised"));
    let (s, _) = json(post(f.clone(), Some("wrong")).await.unwrap()).await;
    assert_eq!(s, 401);

    let (s, v) = json(post(f.clone(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["outcome"], "accepted");
    let customer = v["customer"].as_str().unwrap().to_owned();
    let (s, v) = json(post(f.clone(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, v["outcome"].as_str()), (200, Some("already-imported")));

    // Malformed and oversize bodies.
    let (s, v) = json(post(b"{\"a\":".to_vec(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (422, "syntax"));
    let (s, v) = json(post(vec![b' '; 200_000], Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (413, "too-large"));
    let (s, v) = json(post(file(1, 1, |_| {}), Some(TOKEN)).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (422, "replayed-or-older"));

    // Checks.
    let check = |q: String, token: Option<&str>| {
        let mut r = http.get(format!("{}/v1/check?{q}", srv.base));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    let q = format!(
        "customer={customer}&channel=push&kind=marketing&at={}",
        soon(13)
    );
    let (s, v) = json(check(q.clone(), None).await.unwrap()).await;
    assert_eq!((s, error_code(&v)), (401, "unauthorised"));
    let (s, v) = json(check(q.clone(), Some(TOKEN)).await.unwrap()).await;
    assert_eq!(s, 200);
    assert_eq!(v["allowed"], false);
    assert_eq!(v["reason"]["code"], "opted-out");
    let q2 = format!("customer={customer}&channel=email&kind=marketing");
    let (_, v) = json(check(q2, Some(TOKEN)).await.unwrap()).await;
    assert_eq!(v["allowed"], true);
    // Dutch on request.
    let r = http
        .get(format!("{}/v1/check?{q}", srv.base))
        .bearer_auth(TOKEN)
        .header("accept-language", "nl-NL")
        .send()
        .await
        .unwrap();
    let (_, v) = json(r).await;
    assert!(
        v["reason"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Niet sturen"),
        "{v}"
    );

    for bad in [
        "customer=x&channel=fax&kind=marketing",
        "customer=x&channel=push&kind=spam",
        "customer=x&channel=push",
        "customer=x&channel=push&kind=marketing&at=yesterday",
        "customer=x&channel=push&kind=marketing&at=2032-01-01T12:00:00Z",
        "customer=x&channel=push&kind=marketing&extra=1",
    ] {
        let (s, v) = json(check(bad.into(), Some(TOKEN)).await.unwrap()).await;
        assert_eq!((s, error_code(&v)), (400, "bad-request"), "{bad}");
    }
    let (s, v) = json(
        http.get(format!("{}/v2/nothing", srv.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, error_code(&v)), (404, "not-found"));

    // Graceful shutdown: the server task ends cleanly.
    let mut srv = srv;
    srv.stop.take().unwrap().send(()).unwrap();
    srv.task.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_use_and_sends_over_http() {
    use regie_model::{DecisionState as S, LegalBasis as B};
    let srv = start(sqlite()).await;
    let http = reqwest::Client::new();
    let f = file_with_uses(
        1,
        1,
        vec![decision(
            "dpv:DirectMarketing",
            &["pd:EmailAddress"],
            B::Consent,
            S::ConsentWithdrawn,
        )],
        &["pd:Health"],
    );
    let (s, v) = json(
        http.post(format!("{}/v1/files", srv.base))
            .bearer_auth(TOKEN)
            .body(f)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let customer = v["customer"].as_str().unwrap().to_owned();
    let get = |q: String| {
        http.get(format!("{}/v1/check-use?{q}", srv.base))
            .bearer_auth(TOKEN)
            .header("accept-language", "nl")
            .send()
    };
    let (s, v) = json(
        get(format!(
            "customer={customer}&purpose=dpv:DirectMarketing&category=pd:EmailAddress"
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["allowed"], false);
    assert_eq!(v["reason"]["code"], "consent-withdrawn");
    assert!(v["reason"]["message"]
        .as_str()
        .unwrap()
        .starts_with("Niet doen"));
    assert_eq!(v["purpose"], "https://w3id.org/dpv#DirectMarketing");
    let (_, v) = json(
        get(format!(
            "customer={customer}&purpose=dpv:Marketing&category=pd:Health"
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(v["reason"]["code"], "sensitive-category");
    for bad in [
        format!("customer={customer}&purpose=nonsense"),
        format!("customer={customer}&purpose=dpv:Marketing&category=dpv:Marketing"),
        "purpose=dpv:Marketing".into(),
    ] {
        let (s, v) = json(get(bad.clone()).await.unwrap()).await;
        assert_eq!((s, error_code(&v)), (400, "bad-request"), "{bad}");
    }

    // Sends: recorded for a known customer only, within a week of now.
    let send = |body: String| {
        http.post(format!("{}/v1/sends", srv.base))
            .bearer_auth(TOKEN)
            .body(body)
            .send()
    };
    let (s, v) = json(
        send(format!(
            r#"{{"customer": "{customer}", "channel": "email", "kind": "marketing"}}"#
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    let (s, v) = json(
        send(r#"{"customer": "nobody", "channel": "email", "kind": "marketing"}"#.into())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, error_code(&v)), (404, "unknown-customer"));
    for bad in [
        format!(r#"{{"customer": "{customer}", "channel": "fax", "kind": "marketing"}}"#),
        format!(
            r#"{{"customer": "{customer}", "channel": "email", "kind": "marketing", "at": "2032-01-01T00:00:00Z"}}"#
        ),
        "not json".into(),
    ] {
        let (s, v) = json(send(bad.clone()).await.unwrap()).await;
        assert_eq!((s, error_code(&v)), (400, "bad-request"), "{bad}: {v}");
    }
    let _ = srv;
}
