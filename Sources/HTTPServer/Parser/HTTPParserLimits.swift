/// Size limits enforced while parsing a request.
struct HTTPParserLimits: Sendable {
    /// The most bytes of request line plus header section (431 beyond, 414 when the request line alone is too long).
    var maxHeaderBytes = 16 * 1024
    /// The most bytes of a request target (414 beyond).
    var maxRequestTargetBytes = 8 * 1024
    /// The most header fields (431 beyond).
    var maxHeaderCount = 100
    /// The most bytes of a (de-chunked) body (413 beyond).
    var maxBodyBytes = 1024 * 1024
    /// The most bytes of one chunk-size line including its extensions (400 beyond).
    var maxChunkLineBytes = 4096
}
