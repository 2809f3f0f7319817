import QtQuick
import Kiosk
import Kiosk.Backend

// The exhibition's title, at the top: words to read, nothing to reach for (every
// control is in the VisitorBar, low on the screen).
Rectangle {
    id: bar
    required property VisitorSession session
    property bool speaking: false  // the spoken mode is on: said for those who see too

    color: Theme.background
    implicitHeight: title.implicitHeight + Theme.unit * 3.6

    Text {
        id: title
        objectName: "title"
        x: Theme.unit * 3.5
        anchors.verticalCenter: parent.verticalCenter
        width: (spokenBadge.visible ? spokenBadge.x - Theme.unit * 2 : bar.width - x) - x
        text: bar.session.title
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        font.family: Theme.sansStrong
        font.pixelSize: Theme.titleSize
        color: Theme.text
    }

    Rectangle {
        id: spokenBadge
        objectName: "spokenBadge"
        visible: bar.speaking
        anchors.right: parent.right
        anchors.rightMargin: Theme.unit * 3.5
        anchors.verticalCenter: parent.verticalCenter
        width: badgeText.implicitWidth + Theme.unit * 3
        height: badgeText.implicitHeight + Theme.unit * 1.2
        radius: height / 2
        color: Theme.accent
        Text {
            id: badgeText
            anchors.centerIn: parent
            text: bar.session.labels.spokenMode ?? ""
            textFormat: Text.PlainText
            font.family: Theme.sansStrong
            font.pixelSize: Theme.smallSize
            color: Theme.accentInk
        }
    }
}
