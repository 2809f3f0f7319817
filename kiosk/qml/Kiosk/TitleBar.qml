import QtQuick
import Kiosk

// The exhibition's title: words to read, nothing to reach for (every control is in the
// VisitorBar, low on the screen). Across the top of a tall screen; at the top of the
// words' column of each page on a wide one, where the photo takes the whole height.
Rectangle {
    id: bar
    property string title
    property string position  // "3 / 12": the page's place in the cycle
    property string spokenLabel  // the spoken mode's name in the visitor's language
    property bool speaking: false  // the spoken mode is on: said for those who see too
    property real margin: Theme.unit * 3.5

    color: Theme.background
    implicitHeight: title.implicitHeight + Theme.unit * (Theme.landscape ? 3.6 : 2.4)

    Text {
        id: title
        objectName: "title"
        x: bar.margin
        anchors.verticalCenter: parent.verticalCenter
        width: positionText.x - Theme.unit * 2 - x
        text: bar.title
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        font.family: Theme.sansStrong
        font.pixelSize: Theme.titleSize
        color: Theme.text
    }

    Text {
        id: positionText
        objectName: "position"
        anchors.right: spokenBadge.visible ? spokenBadge.left : parent.right
        anchors.rightMargin: spokenBadge.visible ? Theme.unit * 2 : bar.margin
        anchors.verticalCenter: parent.verticalCenter
        text: bar.position
        textFormat: Text.PlainText
        font.family: Theme.sans
        font.pixelSize: Theme.smallSize
        font.features: { "tnum": 1 }
        color: Theme.muted
    }

    Rectangle {
        id: spokenBadge
        objectName: "spokenBadge"
        visible: bar.speaking
        anchors.right: parent.right
        anchors.rightMargin: bar.margin
        anchors.verticalCenter: parent.verticalCenter
        width: badgeText.implicitWidth + Theme.unit * 3
        height: badgeText.implicitHeight + Theme.unit * 1.2
        radius: height / 2
        color: Theme.accent
        Text {
            id: badgeText
            anchors.centerIn: parent
            text: bar.spokenLabel
            textFormat: Text.PlainText
            font.family: Theme.sansStrong
            font.pixelSize: Theme.smallSize
            color: Theme.accentInk
        }
    }
}
