pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The prompt before the idle reset: a calm question, the countdown, one big Continue.
// Any touch or key answers it (VisitorGuard), and that touch does nothing else. It sits
// in the reach band, its button low in it.
Rectangle {
    id: prompt
    required property VisitorSession session

    visible: session.stillThere
    color: Theme.scrim

    Rectangle {
        objectName: "stillTherePrompt"
        readonly property real margin: Theme.unit * 2
        readonly property real lowest: Math.min(prompt.height, Theme.reachBottom) - margin
        readonly property real centred: (Math.max(0, Theme.reachTop) + lowest - height) / 2
        anchors.horizontalCenter: parent.horizontalCenter
        y: Math.max(margin, Math.min(centred, lowest - height))
        width: Math.min(parent.width - Theme.unit * 8, Math.max(Theme.unit * 70, Theme.bodySize * 24))
        height: column.implicitHeight + Theme.unit * 10
        radius: Theme.unit * 2
        color: Theme.surface
        border.color: Theme.line
        border.width: Theme.lineWidth

        Column {
            id: column
            anchors.centerIn: parent
            width: parent.width - Theme.unit * 10
            spacing: Theme.unit * 3

            Text {
                objectName: "stillThereTitle"
                width: parent.width
                text: prompt.session.labels.stillThere
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                font.family: Theme.sansStrong
                font.pixelSize: Theme.headingSize
                color: Theme.text
            }
            Text {
                width: parent.width
                text: prompt.session.labels.stillThereBody
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                font.family: Theme.sans
                font.pixelSize: Theme.bodySize
                color: Theme.body
            }
            Text {
                objectName: "stillThereCountdown"
                width: parent.width
                text: prompt.session.stillThereCountdown
                textFormat: Text.PlainText
                horizontalAlignment: Text.AlignHCenter
                font.family: Theme.sansStrong
                font.pixelSize: Theme.bodySize
                font.features: { "tnum": 1 }  // the seconds do not shift as they count down
                color: Theme.body
            }
            PillButton {
                objectName: "continueButton"
                anchors.horizontalCenter: parent.horizontalCenter
                implicitHeight: Theme.touchSize * 1.4
                implicitWidth: Math.max(Theme.unit * 30, implicitHeight * 3)
                text: prompt.session.labels["continue"]
                active: true
            }
        }
    }
}
