pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// "Écouter · 2:31": starts the person's recording; while it plays, pause and resume,
// with a calm line of its progress beneath.
Item {
    id: control
    required property Listening listening
    property var labels: ({})
    property real maximumWidth: 100000

    implicitWidth: button.implicitWidth
    implicitHeight: button.implicitHeight + Theme.unit * 1.6

    PillButton {
        id: button
        objectName: "listenButton"
        maximumWidth: control.maximumWidth
        active: control.listening.state === "playing"
        text: control.listening.state === "playing" ? "⏸  " + (control.labels.pause || "")
            : control.listening.state === "paused" ? "▶  " + (control.labels.resume || "")
            : "▶  " + (control.labels.listen || "") + "  ·  " + control.listening.durationText
        onTapped: control.listening.active ? control.listening.togglePause() : control.listening.listen()
    }
    Rectangle {
        objectName: "listenProgressTrack"
        visible: control.listening.active
        anchors.top: button.bottom
        anchors.topMargin: Theme.unit * 0.8
        x: button.radius
        width: button.width - 2 * button.radius
        height: Theme.lineWidth * 2
        radius: height / 2
        color: Theme.quietLine
        Rectangle {
            objectName: "listenProgress"
            width: parent.width * control.listening.progress
            height: parent.height
            radius: parent.radius
            color: Theme.accent
        }
    }
}
