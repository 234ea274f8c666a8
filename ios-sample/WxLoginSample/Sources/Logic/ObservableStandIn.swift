// Combine (`ObservableObject`, `@Published`) is Apple's. Where it is missing (Linux,
// where scripts/swift-test.sh compiles and tests this logic), these stand-ins let the
// same model source compile: plain stored properties, no change notifications, which
// the tests do not need. In the app, Combine's own types are used.
#if !canImport(Combine)
protocol ObservableObject: AnyObject {}

@propertyWrapper
struct Published<Value> {
    var wrappedValue: Value

    init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }
}
#endif
