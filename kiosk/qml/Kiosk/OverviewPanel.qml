pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// Every portrait of the current cycle as a thumbnail; a tap opens it.
Rectangle {
    id: overview
    required property VisitorSession session
    required property ScreenReport report

    color: Theme.background
    TapHandler {}  // nothing behind the grid reacts while it is open

    Text {
        id: heading
        x: Theme.unit * 4
        y: Theme.unit * 3
        width: overview.width - closeButton.width - Theme.unit * 10
        text: overview.session.labels.overview + "  ·  " + overview.session.count
        textFormat: Text.PlainText
        elide: Text.ElideRight
        font.family: Theme.sans
        font.pixelSize: Theme.headingSize
        font.weight: Font.Bold
        color: Theme.text
    }
    PillButton {
        id: closeButton
        objectName: "closeOverview"
        anchors.right: parent.right
        anchors.rightMargin: Theme.unit * 3
        anchors.verticalCenter: heading.verticalCenter
        text: "✕  " + overview.session.labels.close
        onTapped: overview.session.closePanel()
    }

    GridView {
        id: grid
        objectName: "overviewGrid"
        readonly property int columns: overview.width >= overview.height ? 5 : 3
        anchors.fill: parent
        anchors.topMargin: heading.y + heading.height + Theme.unit * 3
        anchors.leftMargin: Theme.unit * 3
        anchors.rightMargin: Theme.unit * 3
        cellWidth: Math.floor(width / columns)
        cellHeight: Math.round(cellWidth * 1.42)
        model: overview.session.cycle
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        delegate: Item {
            id: cell
            required property int index
            required property string name
            required property string origin
            required property string thumbUrl
            width: grid.cellWidth
            height: grid.cellHeight

            Rectangle {
                id: frame
                anchors.fill: parent
                anchors.margins: Theme.unit * 1
                radius: Theme.unit * 1.2
                color: Theme.surface
                clip: true

                Image {
                    id: thumb
                    width: parent.width
                    height: parent.height - caption.height
                    source: cell.thumbUrl
                    sourceSize: Theme.thumbBox
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                    smooth: true
                    onStatusChanged: if (status === Image.Error) overview.report.reportFailedPicture(source.toString())
                }
                Column {
                    id: caption
                    anchors.bottom: parent.bottom
                    width: parent.width
                    padding: Theme.unit * 1.2
                    spacing: Theme.unit * 0.3
                    Text {
                        width: caption.width - 2 * caption.padding
                        text: cell.name
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        font.family: Theme.sans
                        font.pixelSize: Theme.thumbNameSize
                        font.weight: Font.Bold
                        color: Theme.text
                    }
                    Text {
                        width: caption.width - 2 * caption.padding
                        text: cell.origin
                        textFormat: Text.PlainText
                        elide: Text.ElideRight
                        font.family: Theme.sans
                        font.pixelSize: Theme.thumbOriginSize
                        color: Theme.accent
                    }
                }
            }
            TapHandler {
                gesturePolicy: TapHandler.DragThreshold
                onTapped: overview.session.openPortrait(cell.index)
            }
        }
    }
}
