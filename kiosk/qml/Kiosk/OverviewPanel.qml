pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// Every portrait of the current cycle as a thumbnail; a tap opens it. The thumbnails
// and the close button stay inside the reach band (Theme.reachTop/.reachBottom); above
// it, the portrait behind shows through the scrim.
Item {
    id: overview
    required property VisitorSession session
    required property ScreenReport report
    readonly property real lowest: Math.min(height, Theme.reachBottom)
    // A screen hung too high has no band: the sheet then keeps a usable height, one row
    // of thumbnails (their pictures at least as high as their captions) and its buttons.
    readonly property real leastHeight: Theme.unit * 3 + heading.height + Theme.unit * 3 + 2 * grid.captionHeight
                                        + Theme.unit * 3 + Theme.touchSize + Theme.unit * 1.5
    readonly property real highest: Math.min(Math.max(0, Theme.reachTop), lowest - leastHeight)

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
        TapHandler { onTapped: overview.session.closePanel() }
    }
    Rectangle {
        objectName: "overviewSheet"
        y: overview.highest
        width: parent.width
        height: overview.lowest - y
        color: Theme.background
        TapHandler { gesturePolicy: TapHandler.WithinBounds }  // taps on the sheet do not close it
    }

    Text {
        id: heading
        x: Theme.unit * 4
        y: overview.highest + Theme.unit * 3
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
        text: "×  " + overview.session.labels.close
        onTapped: overview.session.closePanel()
    }

    GridView {
        id: grid
        objectName: "overviewGrid"
        // The name and origin under each thumbnail. However low the band, a whole row
        readonly property real captionHeight: (Theme.thumbNameSize + Theme.thumbOriginSize) * 1.25 + Theme.unit * 2.7
        // shows: its pictures as wide as twice their height at most, and never narrower
        // than one and a half targets.
        readonly property int fewest: overview.width >= overview.height ? 5 : 3
        readonly property int most: Math.max(fewest, Math.floor(width / (Theme.touchSize * 1.5)))
        readonly property int columns: Math.min(most, Math.max(fewest, Math.ceil(width / (2 * Math.max(1, height - captionHeight)))))
        x: Theme.unit * 3
        y: heading.y + heading.height + Theme.unit * 3
        width: overview.width - 2 * x
        height: overview.lowest - y - Theme.touchSize - Theme.unit * 3
        cellWidth: Math.floor(width / columns)
        cellHeight: Math.round(Math.min(cellWidth * 1.1, height - captionHeight) + captionHeight)
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

            // The thumbnail is the target, its margins the gap between two of them.
            Rectangle {
                id: frame
                readonly property bool visitorControl: true
                objectName: "thumb_" + cell.name
                Accessible.role: Accessible.Button
                Accessible.name: cell.name
                anchors.fill: parent
                anchors.margins: Theme.size(1, Theme.gapFloor / 2)
                radius: Theme.unit * 1.2
                color: Theme.surface
                border.color: Theme.line
                border.width: Theme.lineWidth
                clip: true

                Image {
                    id: thumb
                    x: frame.border.width
                    y: frame.border.width
                    width: parent.width - 2 * x
                    height: parent.height - caption.height - y
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
                TapHandler {
                    gesturePolicy: TapHandler.DragThreshold
                    onTapped: overview.session.openPortrait(cell.index)
                }
            }
        }
    }

    PillButton {
        objectName: "openMap"
        x: Theme.unit * 4
        y: overview.lowest - height - Theme.unit * 1.5
        maximumWidth: gridButtons.x - x - Theme.gap * 2
        text: overview.session.labels.mapTitle ?? ""
        onTapped: overview.session.openPanel("map")
    }

    PageButtons {
        id: gridButtons
        objectName: "overviewButtons"
        anchors.right: parent.right
        anchors.rightMargin: Theme.unit * 4
        y: overview.lowest - height - Theme.unit * 1.5
        target: grid
        step: Math.max(1, Math.floor(grid.height / grid.cellHeight)) * grid.cellHeight  // whole rows
        upLabel: overview.session.labels.scrollBack
        downLabel: overview.session.labels.scrollOn
        durationMs: overview.session.transitionMs > 0 ? 300 : 0  // nothing moves in tests and snapshots
    }
}
