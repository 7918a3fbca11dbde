//! Posting a signed file to an organisation's inbox, over HTTPS.
//!
//! The inbox is the `https` URL of the organisation's signed declaration,
//! and nothing else is hard-coded: a [`Sender`] posts the bytes there and
//! hands back what came back, for `crate::outbox` to check against the
//! pinned key. It knows nothing of the vault, so the vault is not held
//! while a slow server answers.
//!
//! What comes from the network is held to narrow limits, because a
//! declaration comes from outside and the person's Regie calls its inbox
//! by itself: the server's certificate is checked against the operating
//! system's roots (plus, for tests and private deployments, the CA
//! certificates in `REGIE_CA_FILE`); a connection must be made within
//! [`SenderConfig::connect_timeout`] and the whole exchange done within
//! [`SenderConfig::timeout`]; an answer larger than a receipt can be
//! (64 KiB) is not read; and a redirect is never followed: what the
//! organisation signed is where the file goes (declaration spec,
//! section 9), so an inbox that points elsewhere, above all to another
//! host, is refused, not obeyed.
//!
//! Every way it can go wrong is a [`SendProblem`] (`crate::reasons`).

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ureq::tls::{Certificate, RootCerts, TlsConfig, TlsProvider};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use crate::error::{Error, Result};
use crate::reasons::SendProblem;

/// The largest answer read: a receipt is at most this large (the size
/// limit of every signed Regie file).
pub const MAX_ANSWER_BYTES: usize = regie_prefs::json::MAX_INPUT_BYTES;

/// The environment variable naming a file of extra CA certificates (PEM)
/// to trust besides the operating system's, for tests and private
/// deployments.
pub const CA_FILE_ENV: &str = "REGIE_CA_FILE";

/// The environment variable with host names to reach at a fixed address,
/// `HOST=ADDRESS` separated by commas (as curl's `--resolve`), for tests
/// and private deployments whose names are not in DNS. The certificate
/// is still checked for the host name.
pub const RESOLVE_ENV: &str = "REGIE_RESOLVE";

/// How the sender connects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderConfig {
    /// Time to make the connection, TLS included.
    pub connect_timeout: Duration,
    /// Time for the whole exchange: connecting, sending, the answer.
    pub timeout: Duration,
    /// Extra CA certificates (PEM) to trust.
    pub ca_file: Option<PathBuf>,
    /// Host names to reach at a fixed address.
    pub resolve: Vec<(String, IpAddr)>,
}

impl Default for SenderConfig {
    fn default() -> Self {
        SenderConfig {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            ca_file: None,
            resolve: Vec::new(),
        }
    }
}

impl SenderConfig {
    /// The defaults, with [`CA_FILE_ENV`] and [`RESOLVE_ENV`] read from
    /// the environment.
    pub fn from_env() -> Result<SenderConfig> {
        let mut config = SenderConfig {
            ca_file: std::env::var_os(CA_FILE_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            ..SenderConfig::default()
        };
        if let Some(v) = std::env::var(RESOLVE_ENV).ok().filter(|v| !v.is_empty()) {
            config.resolve = parse_resolve(&v)?;
        }
        Ok(config)
    }
}

/// Reads `HOST=ADDRESS,HOST=ADDRESS`.
fn parse_resolve(text: &str) -> Result<Vec<(String, IpAddr)>> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let bad = || Error::InvalidResolve(pair.to_owned());
            let (host, addr) = pair.split_once('=').ok_or_else(bad)?;
            let host = host.trim().to_ascii_lowercase();
            if host.is_empty() {
                return Err(bad());
            }
            Ok((host, addr.trim().parse().map_err(|_| bad())?))
        })
        .collect()
}

/// What came back from an inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An answer that should be a receipt (200 already imported, 201
    /// accepted, 422 rejected), to be verified.
    Answer {
        /// The HTTP status.
        status: u16,
        /// The body.
        body: Vec<u8>,
    },
    /// No receipt to check.
    Failed(SendProblem),
}

/// Posts files to inboxes. Make one per run and reuse it: it reads the
/// trusted roots once.
#[derive(Debug)]
pub struct Sender {
    agent: ureq::Agent,
}

/// Reaches the hosts of [`SenderConfig::resolve`] at their fixed address,
/// everything else through the system's resolver.
#[derive(Debug)]
struct FixedResolver {
    fixed: Vec<(String, IpAddr)>,
    system: DefaultResolver,
}

impl Resolver for FixedResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> std::result::Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default().to_ascii_lowercase();
        match self.fixed.iter().find(|(h, _)| *h == host) {
            Some((_, addr)) => {
                let port = uri.port_u16().unwrap_or(443);
                let mut out = self.empty();
                out.push(std::net::SocketAddr::new(*addr, port));
                Ok(out)
            }
            None => self.system.resolve(uri, config, timeout),
        }
    }
}

impl Sender {
    /// A sender with the operating system's trusted roots, plus those of
    /// [`SenderConfig::ca_file`].
    pub fn new(config: &SenderConfig) -> Result<Sender> {
        let mut roots: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
            .certs
            .into_iter()
            .map(|c| Certificate::from_der(c.as_ref()).to_owned())
            .collect();
        if let Some(path) = &config.ca_file {
            let pem = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let before = roots.len();
            for item in ureq::tls::parse_pem(&pem) {
                match item {
                    Ok(ureq::tls::PemItem::Certificate(c)) => roots.push(c),
                    Ok(_) => {}
                    Err(_) => return Err(Error::InvalidCaFile(path.clone())),
                }
            }
            if roots.len() == before {
                return Err(Error::InvalidCaFile(path.clone()));
            }
        }
        let tls = TlsConfig::builder()
            .provider(TlsProvider::Rustls)
            .root_certs(RootCerts::new_with_certs(&roots))
            .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .build();
        let agent_config = ureq::Agent::config_builder()
            .tls_config(tls)
            .https_only(true)
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .user_agent(concat!("regie/", env!("CARGO_PKG_VERSION")))
            .build();
        let resolver = FixedResolver {
            fixed: config.resolve.clone(),
            system: DefaultResolver::default(),
        };
        Ok(Sender {
            agent: ureq::Agent::with_parts(agent_config, DefaultConnector::new(), resolver),
        })
    }

    /// Posts `body` to `inbox` and reads the answer (at most
    /// [`MAX_ANSWER_BYTES`]).
    pub fn post(&self, inbox: &str, body: &[u8]) -> Reply {
        let response = self
            .agent
            .post(inbox)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .send(body);
        let mut response = match response {
            Ok(r) => r,
            Err(e) => return Reply::Failed(problem_of(e)),
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        match status {
            200 | 201 | 422 => {}
            300..=399 => {
                let location = header("location");
                let other_host = location.as_deref().is_none_or(|l| !same_host(inbox, l));
                return Reply::Failed(SendProblem::Redirected {
                    location,
                    other_host,
                });
            }
            429 => {
                return Reply::Failed(SendProblem::RateLimited {
                    retry_after: header("retry-after").and_then(|v| v.trim().parse().ok()),
                })
            }
            404 => return Reply::Failed(SendProblem::NoInbox),
            413 => return Reply::Failed(SendProblem::FileTooLarge),
            500..=599 => return Reply::Failed(SendProblem::ServerError { status }),
            _ => return Reply::Failed(SendProblem::UnexpectedStatus { status }),
        }
        match response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES as u64)
            .read_to_vec()
        {
            Ok(body) => Reply::Answer { status, body },
            Err(e) => Reply::Failed(problem_of(e)),
        }
    }
}

/// Whether a redirect's `Location` names the inbox's own host (a relative
/// location does).
fn same_host(inbox: &str, location: &str) -> bool {
    let host_of = |url: &str| -> Option<String> {
        let rest = url.split_once("://")?.1;
        let authority = rest.split(['/', '?', '#']).next()?;
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        Some(host.to_ascii_lowercase())
    };
    match host_of(location) {
        None => !location.starts_with("//"),
        Some(h) => host_of(inbox).is_some_and(|i| i == h),
    }
}

/// Names what ureq reports.
fn problem_of(e: ureq::Error) -> SendProblem {
    use std::io::ErrorKind as K;
    match e {
        ureq::Error::Timeout(_) => SendProblem::Timeout,
        ureq::Error::BodyExceedsLimit(_) => SendProblem::AnswerTooLarge,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => SendProblem::Unreachable {
            detail: e.to_string(),
        },
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => SendProblem::Tls {
            detail: e.to_string(),
        },
        ureq::Error::Io(io) => match io.kind() {
            K::TimedOut | K::WouldBlock => SendProblem::Timeout,
            K::UnexpectedEof | K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => {
                SendProblem::Dropped
            }
            // rustls reports a refused certificate through the socket.
            K::InvalidData => SendProblem::Tls {
                detail: io.to_string(),
            },
            _ => SendProblem::Unreachable {
                detail: io.to_string(),
            },
        },
        ureq::Error::Protocol(_) => SendProblem::Dropped,
        other => SendProblem::Unreachable {
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_pairs_are_read_and_bad_ones_refused() {
        let r = parse_resolve("Inbox.Example.NL=127.0.0.1, other.example=::1").unwrap();
        assert_eq!(
            r[0],
            ("inbox.example.nl".into(), "127.0.0.1".parse().unwrap())
        );
        assert_eq!(r[1].1, "::1".parse::<IpAddr>().unwrap());
        for bad in [
            "inbox.example.nl",
            "=127.0.0.1",
            "inbox.example.nl=localhost",
        ] {
            assert!(parse_resolve(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_redirect_is_to_another_host_unless_it_names_the_inbox_host() {
        let inbox = "https://inbox.bank.example:8443/v1/inbox";
        assert!(same_host(inbox, "/v2/inbox"));
        assert!(same_host(inbox, "https://inbox.bank.example:8443/v2/inbox"));
        assert!(!same_host(inbox, "https://evil.example/v1/inbox"));
        assert!(!same_host(inbox, "//evil.example/v1/inbox"));
        assert!(!same_host(
            inbox,
            "https://inbox.bank.example@evil.example/"
        ));
    }
}
