internal import CCurl

extension CurlEasy {
    /// Sets every option of one webhook POST on a freshly reset handle: target and body, headers without
    /// `Expect: 100-continue`, http/https only, no redirects, no proxy, no signals, timeouts, TCP keep-alive,
    /// the user agent, and the callbacks into `context` (body, headers, and the SSRF guard on every socket).
    func prepare(
        _ request: OutboundRequest,
        context: TransferContext,
        configuration: HTTPClientConfiguration
    ) throws(CurlSetupError) {
        try setErrorBuffer()
        try setURL(request.url)
        try setProtocols("http,https")
        try setRedirectProtocols("http,https")
        try setFollowLocation(false)
        try setProxy("")
        try setNoSignal(true)
        try setTimeout(request.timeout)
        try setConnectTimeout(min(request.connectTimeout ?? configuration.connectTimeout, request.timeout))
        try setTCPKeepAlive(true)
        try setTCPKeepIdle(seconds: 60)
        try setTCPKeepInterval(seconds: 30)
        try setUserAgent(configuration.userAgent)
        try setHeaders(request.headers.map { "\($0.0): \($0.1)" } + ["Expect:"])
        try setPostBody(request.body)
        try setWriteFunction(context: context)
        try setHeaderFunction(context: context)
        try setOpenSocketFunction(context: context)
    }
}
