// Hummingbird 2 peer for Benchmarks/run.
//
//   HummingbirdPeer [--port N] [--host H] [--threads N]
//
// Port: --port, else the first bare number argument, else $PORT, else 8081.
// Event loops: --threads, else one per core (NIO's shared group).
// Answers GET /healthz with 200 {"status":"ok"} (15 bytes, application/json).
import Hummingbird
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let string = String(cString: value)
    return string.isEmpty ? nil : string
}

func usage(_ message: String) -> Never {
    let text = "HummingbirdPeer: \(message)\nusage: HummingbirdPeer [--port N] [--host H] [--threads N]\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(2)
}

var port: Int? = nil
var host = environment("HOST") ?? "127.0.0.1"
var threads: Int? = nil

var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port", "-p":
        guard let value = arguments.popFirst(), let number = Int(value) else { usage("--port needs a number") }
        port = number
    case "--host":
        guard let value = arguments.popFirst() else { usage("--host needs a value") }
        host = value
    case "--threads":
        guard let value = arguments.popFirst(), let number = Int(value), number > 0 else {
            usage("--threads needs a positive number")
        }
        threads = number
    case "--help", "-h":
        usage("help")
    default:
        guard port == nil, let number = Int(argument) else { usage("unexpected argument \(argument)") }
        port = number
    }
}
let listenPort = port ?? environment("PORT").flatMap { Int($0) } ?? 8081
guard (1...65535).contains(listenPort) else { usage("port \(listenPort) out of range") }

let healthBody = ByteBuffer(staticString: #"{"status":"ok"}"#)

let router = Router()
router.get("healthz") { _, _ -> Response in
    Response(
        status: .ok,
        headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: healthBody)
    )
}

var logger = Logger(label: "hummingbird-peer")
logger.logLevel = environment("LOG_LEVEL").flatMap { Logger.Level(rawValue: $0) } ?? .info

let eventLoopGroup: any EventLoopGroup =
    threads.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) } ?? MultiThreadedEventLoopGroup.singleton

let app = Application(
    router: router,
    configuration: .init(address: .hostname(host, port: listenPort), serverName: nil),
    eventLoopGroupProvider: .shared(eventLoopGroup),
    logger: logger
)
try await app.runService()
