import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A server on a loopback port that accepts connections, reads nothing and never
/// answers: a backend that hangs after the request was sent.
final class SilentServer: @unchecked Sendable {
    struct SocketFailed: Error, CustomStringConvertible {
        let call: String
        var description: String { "\(call) failed: errno \(errno)" }
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var connections: [Int32] = []

    init() throws {
        #if canImport(Glibc)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        let listener = socket(AF_INET, stream, 0)
        guard listener >= 0 else {
            throw SocketFailed(call: "socket")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound, listen(listener, 16) == 0 else {
            close(listener)
            throw SocketFailed(call: "bind/listen")
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        let acceptor = Thread { [listener, weak self] in
            while case let connection = accept(listener, nil, nil), connection >= 0 {
                self?.keep(connection)
            }
        }
        acceptor.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Connections accepted so far.
    var accepted: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections.count
    }

    private func keep(_ connection: Int32) {
        lock.lock()
        connections.append(connection)
        lock.unlock()
    }

    /// Stops accepting and closes every connection (the client sees them reset).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        lock.lock()
        let open = connections
        connections = []
        lock.unlock()
        for connection in open {
            close(connection)
        }
    }

    deinit {
        stop()
        close(listener)
    }
}
