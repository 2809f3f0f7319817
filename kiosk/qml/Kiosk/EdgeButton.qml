pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A tap zone along a screen edge, with a quiet chevron so visitors see they can go on.
Item {
    id: edge
    property bool forward: true
    signal tapped()

    Rectangle {
        anchors.verticalCenter: parent.verticalCenter
        anchors.horizontalCenter: parent.horizontalCenter
        width: Theme.touchSize
        height: width
        radius: width / 2
        color: tap.pressed ? Theme.accent : Theme.chevronFill
        border.color: Theme.chevronRing
        border.width: Theme.ringWidth

        Text {
            anchors.centerIn: parent
            anchors.horizontalCenterOffset: (edge.forward ? 1 : -1) * Theme.unit * 0.2
            anchors.verticalCenterOffset: -Theme.unit * 0.3
            text: edge.forward ? "›" : "‹"
            textFormat: Text.PlainText
            font.family: Theme.sans
            font.pixelSize: Theme.chevronSize
            color: Theme.text
        }
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.DragThreshold  // a drag here is still a swipe
        onTapped: edge.tapped()
    }
}
