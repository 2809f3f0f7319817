pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A large rounded button; `active` fills it with the accent colour.
Rectangle {
    id: button
    property string text
    property bool active: false
    signal tapped()

    implicitWidth: label.implicitWidth + Theme.unit * 4.4
    implicitHeight: Theme.touchSize
    radius: height / 2
    color: active ? Theme.accent : (tap.pressed ? Theme.line : Theme.raised)
    border.color: active ? Theme.accent : Theme.line
    border.width: Theme.lineWidth

    Text {
        id: label
        anchors.centerIn: parent
        width: Math.min(implicitWidth, button.width - Theme.unit * 2)
        text: button.text
        textFormat: Text.PlainText
        elide: Text.ElideRight
        font.family: Theme.sansStrong
        font.pixelSize: Theme.labelSize
        color: button.active ? Theme.accentInk : Theme.text
    }

    TapHandler {
        id: tap
        onTapped: button.tapped()
    }
}
