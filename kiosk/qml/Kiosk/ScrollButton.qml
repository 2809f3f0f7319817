pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A round button that scrolls a long text or grid by most of a page: the one-tap
// alternative to dragging it (WCAG 2.2 2.5.1).
Rectangle {
    id: button
    property bool up: false
    property string label
    property bool available: true  // false at the end it would scroll towards
    readonly property bool visitorControl: true
    signal tapped()

    width: Theme.touchSize
    height: width
    radius: width / 2
    color: tap.pressed ? Theme.accent : Theme.raised
    border.color: available ? Theme.line : Theme.quietLine
    border.width: Theme.lineWidth
    Accessible.role: Accessible.Button
    Accessible.name: label

    Text {
        anchors.centerIn: parent
        text: button.up ? "▲" : "▼"
        textFormat: Text.PlainText
        font.family: Theme.sans
        font.pixelSize: Theme.labelSize
        color: tap.pressed ? Theme.accentInk : (button.available ? Theme.text : Theme.unavailable)
    }

    TapHandler {
        id: tap
        // Taken for itself: over a panel, the tap must not also reach the scrim that closes it.
        gesturePolicy: TapHandler.WithinBounds
        enabled: button.available
        onTapped: button.tapped()
    }
}
