//! A real HTTPS inbox for the delivery tests: a CA and a server
//! certificate made per test (rcgen), rustls over a std `TcpListener`, one
//! thread per connection. It answers as an organisation's inbox does (201
//! with a receipt signed by its key, 200 `already-imported` for the same
//! bytes again; signed by another key after [`Inbox::use_key`]), unless
//! the test scripted another answer: the faults a real organisation would
//! not make on demand (slow, garbage, huge, a redirect to another host, a
//! receipt about another file, 429, 5xx, a dropped connection, no answer
//! at all).

use std::collections::{HashSet, VecDeque};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use ed25519_dalek::SigningKey;
use regie_declaration::{Declaration, Delivery, InboxUrl};
use regie_model::{Language, OrgId};
use regie_prefs::{
    verify, Audience, Content, DidKey, FileHash, Outcome, Receipt, ReceiptId, ReceiptInput,
    ReceiptSubject, ReceivedFile, ReceivedKind, RejectionCode, VerifyOptions,
};
use regie_vault::{Sender, SenderConfig};

/// The inbox's host name (reached at 127.0.0.1 through the sender's
/// fixed addresses, as `REGIE_RESOLVE` sets them).
pub const HOST: &str = "inbox.regie.test";
/// Another host the certificate is also good for: where a redirect
/// points.
pub const OTHER_HOST: &str = "elsewhere.regie.test";

/// One answer the inbox gives instead of a normal receipt.
#[derive(Debug, Clone)]
pub enum Answer {
    /// A receipt, as a real inbox makes it.
    Receipt,
    /// A receipt that refuses the file with this code (422).
    Reject(&'static str),
    /// Waits this long before answering with a receipt.
    Slow(Duration),
    /// 200 with a body that is not a receipt.
    Garbage,
    /// 200 with a body far larger than a receipt.
    Huge,
    /// A redirect to the same path on [`OTHER_HOST`].
    RedirectElsewhere,
    /// A receipt for other bytes than those sent.
    OtherFile,
    /// 429 with `Retry-After`.
    RateLimited(u64),
    /// This status with a small JSON body.
    Status(u16),
    /// Closes the connection without a word.
    Drop,
    /// Takes the file (the organisation imports it) and never answers.
    Hang,
}

/// What the inbox received and what it will answer.
#[derive(Debug, Default)]
struct State {
    script: VecDeque<Answer>,
    received: Vec<Vec<u8>>,
    imported: HashSet<Vec<u8>>,
    key: Option<SigningKey>,
}

/// A running test inbox, with its organisation's receipt key.
pub struct Inbox {
    pub addr: SocketAddr,
    pub key: SigningKey,
    pub org: OrgId,
    pub ca_file: PathBuf,
    state: Arc<Mutex<State>>,
    _dir: tempfile::TempDir,
}

fn pki(dir: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
        KeyUsagePurpose,
    };
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "Regie test CA, this test only");
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate().unwrap();
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let mut server = CertificateParams::new(vec![HOST.to_owned(), OTHER_HOST.to_owned()]).unwrap();
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_key = KeyPair::generate().unwrap();
    let cert = server.signed_by(&server_key, &ca_cert, &ca_key).unwrap();
    std::fs::write(dir.join("ca.pem"), ca_cert.pem()).unwrap();
    (cert.der().to_vec(), server_key.serialize_der())
}

impl Inbox {
    /// Starts an inbox for the organisation `org`, signing with a key made
    /// from `seed`.
    pub fn start(org: &OrgId, seed: u8) -> Inbox {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pki(dir.path());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![rustls::pki_types::CertificateDer::from(cert)],
                rustls::pki_types::PrivateKeyDer::Pkcs8(key.into()),
            )
            .unwrap();
        let tls = Arc::new(tls);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let key = SigningKey::from_bytes(&[seed; 32]);
        let state = Arc::new(Mutex::new(State {
            key: Some(key.clone()),
            ..State::default()
        }));
        let inbox = Inbox {
            addr,
            key,
            org: org.clone(),
            ca_file: dir.path().join("ca.pem"),
            state: state.clone(),
            _dir: dir,
        };
        let org = inbox.org.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (tls, state, org) = (tls.clone(), state.clone(), org.clone());
                std::thread::spawn(move || serve(stream, tls, &state, &org));
            }
        });
        inbox
    }

    /// The inbox URL a declaration names.
    pub fn url(&self) -> String {
        format!("https://{HOST}:{}/v1/inbox", self.addr.port())
    }

    /// Its organisation's key, as a vault pins it.
    pub fn did(&self) -> DidKey {
        DidKey::new(self.key.verifying_key())
    }

    /// The answers to give next, in order; then receipts again.
    pub fn script(&self, answers: impl IntoIterator<Item = Answer>) {
        self.state.lock().unwrap().script.extend(answers);
    }

    /// Every body received, in order.
    pub fn received(&self) -> Vec<Vec<u8>> {
        self.state.lock().unwrap().received.clone()
    }

    /// Signs the receipts made from now on with `key`, as an organisation
    /// that changed its receipt key.
    pub fn use_key(&mut self, key: SigningKey) {
        self.state.lock().unwrap().key = Some(key.clone());
        self.key = key;
    }

    /// A sender for this inbox: it trusts the test's CA, reaches both test
    /// hosts at 127.0.0.1, and gives up after `timeout`.
    pub fn sender(&self, timeout: Duration) -> Sender {
        Sender::new(&SenderConfig {
            connect_timeout: timeout,
            timeout,
            ca_file: Some(self.ca_file.clone()),
            resolve: vec![
                (HOST.to_owned(), "127.0.0.1".parse().unwrap()),
                (OTHER_HOST.to_owned(), "127.0.0.1".parse().unwrap()),
            ],
        })
        .unwrap()
    }

    /// The organisation's declaration (the worked example's content, as
    /// `org`, issued on `day` of January 2025), version 2 with this
    /// inbox, signed by `key` (and by `previous` first, for a key change).
    pub fn declaration(
        &self,
        key: &SigningKey,
        previous: Option<&SigningKey>,
        day: u32,
    ) -> Vec<u8> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let v1 =
            std::fs::read(root.join("docs/spec/examples/declaration-voorbeeldbank.json")).unwrap();
        let mut d = Declaration::parse(&v1).unwrap();
        assert_eq!(d.organisation.id, self.org);
        d.issued = chrono::NaiveDate::from_ymd_opt(2025, 1, day).unwrap();
        d.delivery = Some(Delivery {
            inbox: InboxUrl::parse(&self.url()).unwrap(),
            receipt_key: DidKey::new(key.verifying_key()),
            previous_key: None,
        });
        let now = Utc::now();
        match previous {
            Some(p) => d.sign_key_change(p, key, now).unwrap(),
            None => d.sign(key, now).unwrap(),
        }
    }
}

/// Reads one request: the body, or `None` if the client went away.
fn read_request(s: &mut impl Read) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < len {
        let n = s.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(body)
}

fn respond(s: &mut impl Write, status: u16, headers: &[(&str, String)], body: &[u8]) {
    let mut out = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let _ = s.write_all(out.as_bytes());
    let _ = s.write_all(body);
    let _ = s.flush();
}

/// A receipt for `body` as the organisation `org` makes it with `key`:
/// `accepted` the first time, `already-imported` for the same bytes again,
/// `rejected` with `reject`.
fn receipt(
    body: &[u8],
    about: &[u8],
    org: &OrgId,
    key: &SigningKey,
    already: bool,
    reject: Option<&str>,
) -> (u16, Vec<u8>) {
    let now = Utc::now();
    let v = verify(body, now, &VerifyOptions::default()).expect("the vault sends valid files");
    let (kind, sequence) = match &v.content {
        Content::Preferences(s) => (ReceivedKind::Preferences, Some(s.sequence)),
        Content::KeyRotation(s) => (ReceivedKind::KeyRotation, Some(s.sequence)),
        Content::LinkRequest(_) => (ReceivedKind::LinkRequest, None),
        other => panic!("a file the vault does not send: {other:?}"),
    };
    let outcome = match (reject, already) {
        (Some(_), _) => Outcome::Rejected,
        (None, true) => Outcome::AlreadyImported,
        (None, false) => Outcome::Accepted,
    };
    let mut random = [0u8; 16];
    getrandom::getrandom(&mut random).unwrap();
    let subject = ReceiptSubject::new(ReceiptInput {
        receipt_id: ReceiptId::from_random(random),
        controller: Audience {
            id: org.clone(),
            name: "Voorbeeldbank N.V.".into(),
        },
        data_subject: v.issuer,
        received_file: ReceivedFile {
            kind: Some(kind),
            sha256: FileHash::of(about),
            sequence,
        },
        received: now,
        outcome,
        rejection_code: reject.map(|c| RejectionCode::parse(c).unwrap()),
        honoured_from: (reject.is_none()).then_some(now),
        issued: now,
        language: Language::En,
    });
    let status = match outcome {
        Outcome::Accepted => 201,
        Outcome::AlreadyImported => 200,
        Outcome::Rejected => 422,
    };
    (status, Receipt::sign(&subject, key, now).unwrap().bytes)
}

fn serve(stream: TcpStream, tls: Arc<rustls::ServerConfig>, state: &Mutex<State>, org: &OrgId) {
    let conn = rustls::ServerConnection::new(tls).unwrap();
    let mut s = rustls::StreamOwned::new(conn, stream);
    let Some(body) = read_request(&mut s) else {
        return;
    };
    let (answer, key) = {
        let mut st = state.lock().unwrap();
        st.received.push(body.clone());
        let key = st.key.clone().expect("a receipt key");
        (st.script.pop_front().unwrap_or(Answer::Receipt), key)
    };
    let key = &key;
    // Whatever it answers, an organisation that got the file imported it,
    // except when it refuses it or fails before.
    let imports = matches!(
        answer,
        Answer::Receipt
            | Answer::Slow(_)
            | Answer::Garbage
            | Answer::Huge
            | Answer::Drop
            | Answer::Hang
    );
    let already = {
        let mut st = state.lock().unwrap();
        let already = st.imported.contains(&body);
        if imports {
            st.imported.insert(body.clone());
        }
        already
    };
    match answer {
        Answer::Receipt => {
            let (status, r) = receipt(&body, &body, org, key, already, None);
            respond(&mut s, status, &[], &r);
        }
        Answer::Reject(code) => {
            let (status, r) = receipt(&body, &body, org, key, false, Some(code));
            respond(&mut s, status, &[], &r);
        }
        Answer::Slow(d) => {
            std::thread::sleep(d);
            let (status, r) = receipt(&body, &body, org, key, already, None);
            respond(&mut s, status, &[], &r);
        }
        Answer::Garbage => respond(
            &mut s,
            200,
            &[],
            b"<html>Service temporarily unavailable</html>",
        ),
        Answer::Huge => respond(&mut s, 200, &[], &vec![b' '; 1 << 20]),
        Answer::RedirectElsewhere => {
            let port = s.sock.local_addr().unwrap().port();
            respond(
                &mut s,
                307,
                &[("location", format!("https://{OTHER_HOST}:{port}/v1/inbox"))],
                b"{}",
            )
        }
        Answer::OtherFile => {
            let (status, r) = receipt(&body, b"some other file", org, key, already, None);
            respond(&mut s, status, &[], &r);
        }
        Answer::RateLimited(secs) => respond(
            &mut s,
            429,
            &[("retry-after", secs.to_string())],
            br#"{"error":{"code":"too-many-requests"}}"#,
        ),
        Answer::Status(status) => respond(&mut s, status, &[], br#"{"error":{"code":"x"}}"#),
        Answer::Drop => {}
        Answer::Hang => std::thread::sleep(Duration::from_secs(120)),
    }
}
