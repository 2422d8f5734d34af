internal import CCurl

extension CurlEasy {
    /// Sets the options every webhook POST shares, once per handle: http/https only, no redirects, no proxy, no
    /// signals, TCP keep-alive, the user agent, the error buffer and the callbacks (body, headers, and the SSRF
    /// guard on every socket). They stay set for every later request on this handle.
    func configure(_ configuration: HTTPClientConfiguration) throws(CurlSetupError) {
        try setErrorBuffer()
        try setProtocols("http,https")
        try setRedirectProtocols("http,https")
        try setFollowLocation(false)
        try setProxy("")
        try setNoSignal(true)
        try setTCPKeepAlive(true)
        try setTCPKeepIdle(seconds: 60)
        try setTCPKeepInterval(seconds: 30)
        try setUserAgent(configuration.userAgent)
        try setCallbacks()
    }

    /// Sets what differs from one webhook POST to the next on a handle made ready by ``configure(_:)``: target and
    /// body, headers without `Expect: 100-continue`, timeouts, and the context the callbacks write into. Every one
    /// of these is set for every request, so nothing of the previous request on this handle carries over.
    func prepare(
        _ request: OutboundRequest,
        context: TransferContext,
        configuration: HTTPClientConfiguration
    ) throws(CurlSetupError) {
        clearErrorMessage()
        try setURL(request.url)
        try setTimeout(request.timeout)
        try setConnectTimeout(min(request.connectTimeout ?? configuration.connectTimeout, request.timeout))
        try setHeaders(request.headers.map { "\($0.0): \($0.1)" } + ["Expect:"])
        try setPostBody(request.body)
        try setCallbackContext(context)
    }
}
