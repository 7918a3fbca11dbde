//! HTTPS for `regie-org serve`: the inbox URL a declaration names is
//! `https://` (declaration spec, section 9), so the server speaks TLS
//! itself, with the same rustls (and ring) as its connection to
//! PostgreSQL. The certificate chain and its key are PEM files, as a CA or
//! ACME client hands them out; HTTP/1.1 is offered by ALPN.

use std::path::Path;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls;

/// Why the server's certificate or key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsFileError {
    /// The certificate file cannot be read, or holds no certificate.
    #[error("the certificate file cannot be used: {0}")]
    Certificate(String),
    /// The key file cannot be read, or holds no private key.
    #[error("the key file cannot be used: {0}")]
    Key(String),
    /// rustls refuses the pair (the key does not belong to the
    /// certificate, an algorithm it does not support, ...).
    #[error("the certificate and key cannot be used together: {0}")]
    Pair(String),
}

impl TlsFileError {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            TlsFileError::Certificate(_) => "tls-cert",
            TlsFileError::Key(_) => "tls-key",
            TlsFileError::Pair(_) => "tls-pair",
        }
    }
}

fn pem_problem(e: rustls_pki_types::pem::Error) -> String {
    match e {
        rustls_pki_types::pem::Error::Io(e) => e.to_string(),
        rustls_pki_types::pem::Error::NoItemsFound => "it holds no PEM item of this kind".into(),
        other => format!("it is not valid PEM ({other:?})"),
    }
}

/// The TLS configuration of a server with the certificate chain in
/// `cert` (PEM, the server's own certificate first) and its private key
/// in `key` (PEM: PKCS#8, or the older RSA and EC forms).
pub fn server_config(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, TlsFileError> {
    let certs = CertificateDer::pem_file_iter(cert)
        .map_err(|e| TlsFileError::Certificate(pem_problem(e)))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsFileError::Certificate(pem_problem(e)))?;
    if certs.is_empty() {
        return Err(TlsFileError::Certificate(
            "it holds no certificate (-----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| TlsFileError::Key(pem_problem(e)))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsFileError::Pair(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| TlsFileError::Pair(e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}
