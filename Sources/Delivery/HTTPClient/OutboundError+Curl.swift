internal import CCurl

extension OutboundError {
    /// The error for a finished transfer's `CURLcode`, or `nil` for `CURLE_OK`.
    /// `blockedAddress` is what the SSRF guard refused during the transfer, if anything.
    init?(code: CURLcode, message: String, blockedAddress: String?) {
        if code == CURLE_COULDNT_CONNECT, let blockedAddress {
            self = .blockedAddress(blockedAddress)
            return
        }
        switch code {
        case CURLE_OK:
            return nil
        case CURLE_OPERATION_TIMEDOUT:
            self = .timeout
        case CURLE_COULDNT_RESOLVE_HOST:
            self = .dnsFailed(message)
        case CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
            self = .connectionFailed(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            self = .tlsFailed(message)
        default:
            self = .other(code: Int(code.rawValue), message: message)
        }
    }
}
