import WebhookCore
internal import CCurl

/// A libcurl call that failed while a transfer was being set up.
struct CurlSetupError: Error {
    /// curl's code, or the one that best describes a problem found before calling curl.
    let code: CURLcode
    /// What went wrong.
    let message: String

    /// An error for a failed curl call, with curl's own text for the code.
    init(_ code: CURLcode) {
        self.code = code
        self.message = String(cString: curl_easy_strerror(code))
    }

    /// An error found before calling curl.
    init(_ code: CURLcode, message: String) {
        self.code = code
        self.message = message
    }
}

/// Owns one libcurl easy handle (`CURL*`), freed exactly once in `deinit`, with one method per option used.
///
/// It also owns what curl only points at: the request header list (kept until a new header list or `deinit`) and
/// the error buffer. It is reusable: options stay set from one transfer to the next, so a request only sets what
/// differs (see `CurlEasy+OutboundRequest.swift`).
final class CurlEasy {
    /// The `CURL*`, valid for the object's lifetime.
    let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// A new handle, or `nil` when libcurl could not initialise or allocate one.
    init?() {
        guard CurlGlobal.isInitialized, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        errorBuffer.deinitialize(count: Int(CURL_ERROR_SIZE))
        errorBuffer.deallocate()
    }

    /// Empties the error buffer, so a message left by an earlier transfer is not taken for the next one's.
    func clearErrorMessage() {
        errorBuffer[0] = 0
    }

    // MARK: Options

    /// `CURLOPT_URL`.
    func setURL(_ url: String) throws(CurlSetupError) {
        guard !url.utf8.contains(0) else { throw CurlSetupError(CURLE_URL_MALFORMAT, message: "URL contains NUL") }
        try check(url.withCString { shim_easy_setopt_string(handle, CURLOPT_URL, $0) })
    }

    /// `CURLOPT_PROTOCOLS_STR`: the only schemes a transfer may use, such as `"http,https"`.
    func setProtocols(_ list: String) throws(CurlSetupError) {
        try check(list.withCString { shim_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, $0) })
    }

    /// `CURLOPT_REDIR_PROTOCOLS_STR`: the schemes a redirect may use (redirects are off; this is a second lock).
    func setRedirectProtocols(_ list: String) throws(CurlSetupError) {
        try check(list.withCString { shim_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, $0) })
    }

    /// `CURLOPT_FOLLOWLOCATION`.
    func setFollowLocation(_ follow: Bool) throws(CurlSetupError) {
        try check(shim_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, follow ? 1 : 0))
    }

    /// `CURLOPT_NOSIGNAL`: `true` keeps curl away from signals, as threaded programs need.
    func setNoSignal(_ noSignal: Bool) throws(CurlSetupError) {
        try check(shim_easy_setopt_long(handle, CURLOPT_NOSIGNAL, noSignal ? 1 : 0))
    }

    /// `CURLOPT_PROXY`: `""` turns proxies off, including those named by environment variables, so the
    /// SSRF guard always sees the real peer.
    func setProxy(_ proxy: String) throws(CurlSetupError) {
        try check(proxy.withCString { shim_easy_setopt_string(handle, CURLOPT_PROXY, $0) })
    }

    /// `CURLOPT_TIMEOUT_MS` (at least 1: 0 would mean no timeout).
    func setTimeout(_ timeout: Duration) throws(CurlSetupError) {
        try check(shim_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, timeout.wholeMillisecondsRoundedUp)))
    }

    /// `CURLOPT_CONNECTTIMEOUT_MS` (at least 1: 0 would mean the default of 300 s).
    func setConnectTimeout(_ timeout: Duration) throws(CurlSetupError) {
        try check(shim_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, max(1, timeout.wholeMillisecondsRoundedUp)))
    }

    /// `CURLOPT_TCP_KEEPALIVE`.
    func setTCPKeepAlive(_ enabled: Bool) throws(CurlSetupError) {
        try check(shim_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, enabled ? 1 : 0))
    }

    /// `CURLOPT_TCP_KEEPIDLE`: idle seconds before the first keep-alive probe.
    func setTCPKeepIdle(seconds: Int) throws(CurlSetupError) {
        try check(shim_easy_setopt_long(handle, CURLOPT_TCP_KEEPIDLE, seconds))
    }

    /// `CURLOPT_TCP_KEEPINTVL`: seconds between keep-alive probes.
    func setTCPKeepInterval(seconds: Int) throws(CurlSetupError) {
        try check(shim_easy_setopt_long(handle, CURLOPT_TCP_KEEPINTVL, seconds))
    }

    /// `CURLOPT_USERAGENT`.
    func setUserAgent(_ userAgent: String) throws(CurlSetupError) {
        try check(userAgent.withCString { shim_easy_setopt_string(handle, CURLOPT_USERAGENT, $0) })
    }

    /// `CURLOPT_HTTPHEADER`: builds a new `curl_slist`, hands it to curl, then frees the previous one.
    /// Lines containing CR, LF or NUL are refused, so a header cannot smuggle another one.
    func setHeaders(_ lines: [String]) throws(CurlSetupError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard !line.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                curl_slist_free_all(list)
                throw CurlSetupError(CURLE_BAD_FUNCTION_ARGUMENT, message: "header contains CR, LF or NUL")
            }
            guard let extended = line.withCString({ curl_slist_append(list, $0) }) else {
                curl_slist_free_all(list)
                throw CurlSetupError(CURLE_OUT_OF_MEMORY)
            }
            list = extended
        }
        let code = shim_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        guard code == CURLE_OK else {
            curl_slist_free_all(list)
            throw CurlSetupError(code)
        }
        curl_slist_free_all(headerList)
        headerList = list
    }

    /// `CURLOPT_POSTFIELDSIZE_LARGE` then `CURLOPT_COPYPOSTFIELDS`: makes the transfer a POST of exactly these
    /// bytes. curl copies them (the size must be set first for binary data), so the array need not outlive the call.
    func setPostBody(_ body: [UInt8]) throws(CurlSetupError) {
        try check(shim_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        let code = body.withUnsafeBytes { bytes in
            // An empty array may have no storage; curl still needs a valid pointer.
            withUnsafeBytes(of: UInt8(0)) { empty in
                shim_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS,
                                         UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? empty.baseAddress))
            }
        }
        try check(code)
    }

    /// `CURLOPT_ERRORBUFFER`: points curl at this handle's buffer (cleared first) for detailed messages.
    func setErrorBuffer() throws(CurlSetupError) {
        errorBuffer[0] = 0
        try check(shim_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
    }

    /// `CURLOPT_WRITEFUNCTION`, `CURLOPT_HEADERFUNCTION` and `CURLOPT_OPENSOCKETFUNCTION`: response body bytes and
    /// header lines go to the transfer's context, and every socket curl opens goes through the context's SSRF guard
    /// with the resolved peer address. The context itself is set per request by ``setCallbackContext(_:)``.
    func setCallbacks() throws(CurlSetupError) {
        try check(shim_easy_setopt_write_callback(handle) { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            let (length, overflow) = size.multipliedReportingOverflow(by: count)
            guard !overflow else { return 0 }
            let context = Unmanaged<TransferContext>.fromOpaque(userdata).takeUnretainedValue()
            return context.receiveBody(UnsafeRawBufferPointer(start: data, count: length))
        })
        try check(shim_easy_setopt_header_callback(handle) { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            let (length, overflow) = size.multipliedReportingOverflow(by: count)
            guard !overflow else { return 0 }
            let context = Unmanaged<TransferContext>.fromOpaque(userdata).takeUnretainedValue()
            return context.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
        })
        try check(shim_easy_setopt_opensocket_callback(handle) { clientp, _, address in
            guard let clientp, let address else { return CURL_SOCKET_BAD }
            let context = Unmanaged<TransferContext>.fromOpaque(clientp).takeUnretainedValue()
            let peer = IPAddress(sockaddr: shim_sockaddr_address(address), length: Int(address.pointee.addrlen))
            return context.openSocket(family: address.pointee.family, type: address.pointee.socktype,
                                      protocol: address.pointee.protocol, peer: peer)
        })
    }

    /// `CURLOPT_WRITEDATA`, `CURLOPT_HEADERDATA` and `CURLOPT_OPENSOCKETDATA`: the context the callbacks of
    /// ``setCallbacks()`` write into. curl keeps only a pointer: the context must outlive the transfer.
    func setCallbackContext(_ context: TransferContext) throws(CurlSetupError) {
        let pointer = Unmanaged.passUnretained(context).toOpaque()
        try check(shim_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, pointer))
        try check(shim_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, pointer))
        try check(shim_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, pointer))
    }

    // MARK: Information

    /// `CURLINFO_RESPONSE_CODE`: the last response's status, or `nil` when none arrived.
    var responseCode: Int? {
        var code = 0
        guard shim_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK, code > 0 else { return nil }
        return code
    }

    /// `CURLINFO_TOTAL_TIME_T`: how long the last transfer took in all, or zero when curl cannot say.
    var totalTime: Duration {
        var microseconds: curl_off_t = 0
        guard shim_easy_getinfo_off_t(handle, CURLINFO_TOTAL_TIME_T, &microseconds) == CURLE_OK else { return .zero }
        return .microseconds(microseconds)
    }

    /// `CURLINFO_PRIMARY_IP`: the address of the last connection used, or `nil` when there was none.
    var primaryIP: String? {
        var text: UnsafePointer<CChar>?
        guard shim_easy_getinfo_string(handle, CURLINFO_PRIMARY_IP, &text) == CURLE_OK, let text,
              text.pointee != 0 else { return nil }
        return String(cString: text)
    }

    /// The message curl left in the error buffer, or its generic text for `code` when the buffer is empty.
    func errorMessage(for code: CURLcode) -> String {
        errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
    }

    private func check(_ code: CURLcode) throws(CurlSetupError) {
        guard code == CURLE_OK else { throw CurlSetupError(code) }
    }
}
