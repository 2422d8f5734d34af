/// The per-connection timeouts of a loop, in nanoseconds.
struct ConnectionTimeouts {
    let header: UInt64
    let body: UInt64
    let idle: UInt64
    let write: UInt64
    /// How long a closing connection keeps reading (and discarding) so the client gets the last response
    /// before the close; without it, unread input makes the kernel send a reset that can destroy that response.
    let linger: UInt64

    init(_ configuration: HTTPServerConfiguration) {
        header = configuration.headerReadTimeout.clampedNanoseconds
        body = configuration.bodyReadTimeout.clampedNanoseconds
        idle = configuration.idleTimeout.clampedNanoseconds
        write = configuration.writeTimeout.clampedNanoseconds
        linger = min(2_000_000_000, idle)
    }

    /// The shortest timeout, which sets how often the loop checks deadlines.
    var shortest: UInt64 { min(header, body, idle, write, linger) }
}
