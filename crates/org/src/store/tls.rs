//! How the PostgreSQL store reaches its server: in the clear or over TLS,
//! as the URL's `sslmode` and `sslrootcert` say, with libpq's meaning of
//! those words, so that a URL that works with `psql` works here too.
//!
//! The `postgres` crate knows only `disable`, `prefer` and `require`, and
//! checks no certificate itself: the checks are ours, in `Verifier`, over
//! rustls. We take `sslmode` and `sslrootcert` out of the URL and hand the
//! rest to the crate's parser.
//!
//! Without `sslmode`, a server on this machine (loopback, or a Unix socket)
//! gets `prefer`, and every other server `verify-full`: the network is where
//! a machine in the middle can read along or pose as the database, and a
//! mode that silently falls back to plain text or accepts any certificate
//! would not stop it. crates/org/README.md argues this choice.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;

use postgres::config::{Host, SslMode as PgSslMode};
use postgres::{Client, Config, NoTls};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore};

use super::StoreError;

/// How much protection a connection asks for, libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS if the server offers it, else plain text; the certificate is
    /// checked only when `sslrootcert` is given.
    Prefer,
    /// TLS or no connection; the certificate is checked only when
    /// `sslrootcert` is given (then as `verify-ca`).
    Require,
    /// TLS, with a certificate signed by a trusted CA.
    VerifyCa,
    /// TLS, with a certificate signed by a trusted CA and made out to the
    /// host name in the URL.
    VerifyFull,
}

impl SslMode {
    /// The libpq name.
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    fn parse(s: &str) -> Option<SslMode> {
        [
            SslMode::Disable,
            SslMode::Prefer,
            SslMode::Require,
            SslMode::VerifyCa,
            SslMode::VerifyFull,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

impl fmt::Display for SslMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a server's certificate was not trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CertProblem {
    /// It is not signed by a CA in the trusted roots.
    UnknownIssuer,
    /// It has expired.
    Expired,
    /// It is not valid yet.
    NotYetValid,
    /// Something else, as rustls put it.
    Other(String),
}

impl fmt::Display for CertProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertProblem::UnknownIssuer => f.write_str("it is not signed by a trusted CA"),
            CertProblem::Expired => f.write_str("it has expired"),
            CertProblem::NotYetValid => f.write_str("it is not valid yet"),
            CertProblem::Other(s) => f.write_str(s),
        }
    }
}

/// Why a TLS connection to PostgreSQL could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// `sslmode` is none of libpq's five.
    #[error("unknown sslmode '{0}': use disable, prefer, require, verify-ca or verify-full")]
    UnknownMode(String),
    /// `sslrootcert=system` with a mode that would not use it fully.
    #[error("sslrootcert=system needs sslmode=verify-full, not {0}")]
    SystemNeedsVerifyFull(SslMode),
    /// The `sslrootcert` file cannot be read.
    #[error("cannot read the root certificate file {path}: {reason}")]
    RootCertUnreadable {
        /// The file.
        path: String,
        /// What the system said, in English.
        reason: String,
        /// What kind of error it was, to say it in another language.
        problem: regie_cli_text::os::OsProblem,
    },
    /// The `sslrootcert` file holds no certificate that can be used.
    #[error("the root certificate file {path} holds no usable certificate: {reason}")]
    RootCertInvalid {
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Verification needs trusted roots and the system has none.
    #[error("this system has no trusted root certificates to check the server with")]
    NoSystemRoots,
    /// The server does not speak TLS, and the mode demands it.
    #[error("the server {host} does not offer TLS, and sslmode={mode} requires it")]
    ServerWithoutTls {
        /// The host(s) of the URL.
        host: String,
        /// The mode in force.
        mode: SslMode,
    },
    /// The server's certificate does not lead to a trusted root.
    #[error("the certificate of the server {host} cannot be trusted: {problem}")]
    Certificate {
        /// The host(s) of the URL.
        host: String,
        /// Why.
        problem: CertProblem,
    },
    /// The server's certificate is trusted but made out to another name.
    #[error("the certificate of the server is not made out to the host name {host}")]
    HostName {
        /// The host(s) of the URL.
        host: String,
    },
}

/// Where trusted roots come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Roots {
    /// Not said: the system's, when a mode needs roots.
    Unset,
    /// `sslrootcert=system`.
    System,
    /// `sslrootcert=PATH`.
    File(String),
}

/// A parsed URL: the crate's configuration, and what we read ourselves.
#[derive(Debug)]
struct Target {
    config: Config,
    mode: SslMode,
    roots: Roots,
}

/// Connects to the PostgreSQL server a `postgres://` URL names, with the
/// TLS its `sslmode` (or the default) asks for. This is the connection the
/// store uses.
pub fn connect(url: &str) -> Result<Client, StoreError> {
    let target = parse(url)?;
    let host = hosts(&target.config);
    let mode = if only_unix_sockets(&target.config) {
        // libpq never uses TLS on a Unix socket, and the server refuses it
        // there: the bytes do not leave this machine.
        SslMode::Disable
    } else {
        target.mode
    };
    let mut config = target.config;
    let result = match mode {
        SslMode::Disable => config.ssl_mode(PgSslMode::Disable).connect(NoTls),
        _ => {
            let tls = client_config(mode, &target.roots)?;
            let pg_mode = if mode == SslMode::Prefer {
                PgSslMode::Prefer
            } else {
                PgSslMode::Require
            };
            config
                .ssl_mode(pg_mode)
                .connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
        }
    };
    result.map_err(|e| explain(e, host, mode))
}

/// Reads `sslmode` and `sslrootcert` out of the query and parses the rest
/// with the `postgres` crate.
fn parse(url: &str) -> Result<Target, StoreError> {
    // The crate takes the credentials up to the first `@`, so a `?` in a
    // password is part of it; the query starts at the first `?` after.
    let after_creds = url.find('@').map(|p| p + 1).unwrap_or(0);
    let (base, query) = match url[after_creds..].find('?') {
        Some(p) => url.split_at(after_creds + p),
        None => (url, ""),
    };
    let mut mode = None;
    let mut roots = Roots::Unset;
    let mut kept = Vec::new();
    for pair in query.strip_prefix('?').unwrap_or("").split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match decode(key).as_str() {
            "sslmode" => {
                let v = decode(value);
                mode = Some(SslMode::parse(&v).ok_or(TlsError::UnknownMode(v))?);
            }
            "sslrootcert" => {
                roots = match decode(value).as_str() {
                    "system" => Roots::System,
                    path => Roots::File(path.to_owned()),
                }
            }
            _ if pair.is_empty() => {}
            _ => kept.push(pair),
        }
    }
    let rest = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let config: Config = rest.parse()?;
    let mode = match (mode, &roots) {
        (Some(m), Roots::System) if m != SslMode::VerifyFull => {
            return Err(TlsError::SystemNeedsVerifyFull(m).into())
        }
        (Some(m), _) => m,
        (None, Roots::System) => SslMode::VerifyFull,
        (None, _) if on_this_machine(&config) => SslMode::Prefer,
        (None, _) => SslMode::VerifyFull,
    };
    Ok(Target {
        config,
        mode,
        roots,
    })
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Whether every server the URL names is on this machine: a loopback
/// address, `localhost`, or a Unix socket.
fn on_this_machine(config: &Config) -> bool {
    let hosts = config.get_hosts();
    let addrs = config.get_hostaddrs();
    let n = hosts.len().max(addrs.len());
    n > 0
        && (0..n).all(|i| match (addrs.get(i), hosts.get(i)) {
            (Some(a), _) => a.is_loopback(),
            (None, Some(Host::Tcp(h))) => {
                h.eq_ignore_ascii_case("localhost")
                    || h.parse::<IpAddr>().is_ok_and(|a| a.is_loopback())
            }
            #[cfg(unix)]
            (None, Some(Host::Unix(_))) => true,
            (None, None) => false,
        })
}

fn only_unix_sockets(config: &Config) -> bool {
    #[cfg(unix)]
    {
        let hosts = config.get_hosts();
        config.get_hostaddrs().is_empty()
            && !hosts.is_empty()
            && hosts.iter().all(|h| matches!(h, Host::Unix(_)))
    }
    #[cfg(not(unix))]
    {
        let _ = config;
        false
    }
}

/// The host names of the URL, for messages.
fn hosts(config: &Config) -> String {
    let names: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            Host::Tcp(s) => s.clone(),
            #[cfg(unix)]
            Host::Unix(p) => p.display().to_string(),
        })
        .collect();
    if names.is_empty() {
        config
            .get_hostaddrs()
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(",")
    } else {
        names.join(",")
    }
}

/// The rustls configuration for a mode that uses TLS.
fn client_config(mode: SslMode, roots: &Roots) -> Result<ClientConfig, StoreError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let store = match (mode, roots) {
        (SslMode::VerifyCa | SslMode::VerifyFull, Roots::Unset | Roots::System) => {
            Some(system_roots()?)
        }
        (_, Roots::File(path)) => Some(file_roots(path)?),
        _ => None,
    };
    let verifier = Verifier {
        roots: store.map(Arc::new),
        check_name: mode == SslMode::VerifyFull,
        provider: provider.clone(),
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Corrupt(format!("TLS set-up: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(config)
}

fn system_roots() -> Result<RootCertStore, TlsError> {
    let found = rustls_native_certs::load_native_certs();
    let mut store = RootCertStore::empty();
    store.add_parsable_certificates(found.certs);
    if store.is_empty() {
        return Err(TlsError::NoSystemRoots);
    }
    Ok(store)
}

fn file_roots(path: &str) -> Result<RootCertStore, TlsError> {
    let bytes = std::fs::read(path).map_err(|e| TlsError::RootCertUnreadable {
        path: path.to_owned(),
        reason: e.to_string(),
        problem: regie_cli_text::os::OsProblem::of(&e),
    })?;
    let invalid = |reason: String| TlsError::RootCertInvalid {
        path: path.to_owned(),
        reason,
    };
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&bytes) {
        let cert = cert.map_err(|e| invalid(e.to_string()))?;
        store.add(cert).map_err(|e| invalid(e.to_string()))?;
    }
    if store.is_empty() {
        return Err(invalid(
            "no PEM certificate (-----BEGIN CERTIFICATE-----) in it".into(),
        ));
    }
    Ok(store)
}

/// The certificate check of every mode that uses TLS: with roots, the chain
/// must lead to one of them (`verify-ca`, and `require`/`prefer` with
/// `sslrootcert`), and with `check_name` it must also be made out to the
/// host (`verify-full`); without roots any certificate is taken
/// (`require`/`prefer`), which encrypts but does not say who answers. The
/// handshake's signatures are checked in every case, so the server must
/// hold the key of the certificate it shows.
#[derive(Debug)]
struct Verifier {
    roots: Option<Arc<RootCertStore>>,
    check_name: bool,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(roots) = &self.roots else {
            return Ok(ServerCertVerified::assertion());
        };
        let cert = ParsedCertificate::try_from(end_entity)?;
        rustls::client::verify_server_cert_signed_by_trust_anchor(
            &cert,
            roots,
            intermediates,
            now,
            self.provider.signature_verification_algorithms.all,
        )?;
        if self.check_name {
            rustls::client::verify_server_name(&cert, server_name)?;
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Turns a failed connection into the TLS error it is, if it is one.
fn explain(e: postgres::Error, host: String, mode: SslMode) -> StoreError {
    use std::error::Error as _;
    let Some(cause) = e.source() else {
        return e.into();
    };
    // tokio-rustls reports a failed handshake as an I/O error that carries
    // rustls' error.
    let tls = cause
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    if let Some(rustls::Error::InvalidCertificate(c)) = tls {
        let problem = match c {
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                return TlsError::HostName { host }.into()
            }
            CertificateError::UnknownIssuer => CertProblem::UnknownIssuer,
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                CertProblem::Expired
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                CertProblem::NotYetValid
            }
            other => CertProblem::Other(format!("{other:?}")),
        };
        return TlsError::Certificate { host, problem }.into();
    }
    // The crate says so in words only; tests pin the wording.
    if cause.to_string() == "server does not support TLS" {
        return TlsError::ServerWithoutTls { host, mode }.into();
    }
    e.into()
}

/// The URL with any password replaced by `***`, for messages: in the
/// `user:password@` part and as a `password=` parameter.
pub fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|p| p + 3) else {
        return url.to_owned();
    };
    let mut out = url[..scheme_end].to_owned();
    let rest = &url[scheme_end..];
    let rest = match rest.find('@') {
        Some(at) => match rest[..at].split_once(':') {
            Some((user, _)) => {
                out.push_str(user);
                out.push_str(":***");
                &rest[at..]
            }
            None => rest,
        },
        None => rest,
    };
    match rest.split_once('?') {
        Some((path, query)) => {
            out.push_str(path);
            out.push('?');
            let pairs: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((k, _)) if decode(k) == "password" => format!("{k}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            out.push_str(&pairs.join("&"));
        }
        None => out.push_str(rest),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(url: &str) -> SslMode {
        parse(url).map(|t| t.mode).unwrap()
    }

    #[test]
    fn default_is_prefer_on_this_machine_and_verify_full_across_the_network() {
        assert_eq!(mode("postgres://u@127.0.0.1:5432/db"), SslMode::Prefer);
        assert_eq!(mode("postgres://u@localhost/db"), SslMode::Prefer);
        assert_eq!(mode("postgres://u@[::1]:5432/db"), SslMode::Prefer);
        assert_eq!(
            mode("postgres://u@%2Fvar%2Frun%2Fpostgresql/db"),
            SslMode::Prefer
        );
        assert_eq!(mode("postgres://u@db.example.nl/db"), SslMode::VerifyFull);
        assert_eq!(mode("postgres://u@10.0.0.5/db"), SslMode::VerifyFull);
        // One server across the network is enough to need verification.
        assert_eq!(
            mode("postgres://u@localhost,db.example.nl/db"),
            SslMode::VerifyFull
        );
        // hostaddr is where the connection goes.
        assert_eq!(
            mode("postgres://u@localhost/db?hostaddr=192.0.2.1"),
            SslMode::VerifyFull
        );
        assert_eq!(
            mode("postgres://u@db.example.nl/db?hostaddr=127.0.0.1"),
            SslMode::Prefer
        );
    }

    #[test]
    fn sslmode_and_sslrootcert_are_read_and_the_rest_handed_on() {
        let t = parse(
            "postgres://u:p%3Fw@db.example.nl:6543/orgs?application_name=regie&sslmode=verify-ca&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=5",
        )
        .unwrap();
        assert_eq!(t.mode, SslMode::VerifyCa);
        assert_eq!(t.roots, Roots::File("/etc/ca.pem".into()));
        assert_eq!(t.config.get_application_name(), Some("regie"));
        assert_eq!(
            t.config.get_connect_timeout(),
            Some(&std::time::Duration::from_secs(5))
        );
        assert_eq!(t.config.get_password(), Some(&b"p?w"[..]));
        assert_eq!(t.config.get_ports(), &[6543]);
        assert_eq!(t.config.get_dbname(), Some("orgs"));
        for m in ["disable", "prefer", "require", "verify-ca", "verify-full"] {
            assert_eq!(
                mode(&format!("postgres://u@db.example.nl/db?sslmode={m}")).as_str(),
                m
            );
        }
    }

    #[test]
    fn unknown_sslmode_is_refused_by_name() {
        for m in ["allow", "VERIFY-FULL", "verify_full", ""] {
            match parse(&format!("postgres://u@h/db?sslmode={m}")) {
                Err(StoreError::Tls(TlsError::UnknownMode(got))) => assert_eq!(got, m),
                other => panic!("{m}: {other:?}"),
            }
        }
    }

    #[test]
    fn sslrootcert_system_means_verify_full() {
        let t = parse("postgres://u@localhost/db?sslrootcert=system").unwrap();
        assert_eq!((t.mode, t.roots), (SslMode::VerifyFull, Roots::System));
        assert!(matches!(
            parse("postgres://u@h/db?sslrootcert=system&sslmode=require"),
            Err(StoreError::Tls(TlsError::SystemNeedsVerifyFull(
                SslMode::Require
            )))
        ));
    }

    #[test]
    fn redact_hides_passwords_and_nothing_else() {
        assert_eq!(
            redact("postgres://regie:s3cr3t@db:5432/orgs?sslmode=require#s"),
            "postgres://regie:***@db:5432/orgs?sslmode=require#s"
        );
        assert_eq!(
            redact("postgres://regie@db/orgs?password=s3cr3t&sslmode=require"),
            "postgres://regie@db/orgs?password=***&sslmode=require"
        );
        assert_eq!(redact("postgres://db/orgs"), "postgres://db/orgs");
        assert_eq!(redact("sqlite:org.db"), "sqlite:org.db");
    }
}
