pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The kiosk's one window. Everything it shows comes from `session` and its models;
// every decision is made in Python. `report` tells Python what only the layout knows.
Window {
    id: root
    required property VisitorSession session
    required property AdminGate admin
    required property ScreenReport report
    required property Listening listening

    readonly property bool landscape: width >= height
    readonly property bool empty: session.total === 0
    // Nothing sliding and the current photo drawn: what snapshots and tests wait for.
    readonly property bool settled: empty || (!carousel.moving && carousel.currentPage !== null
                                              && carousel.currentPage.settled)
    // The size photos are drawn at, which Python has them prepared at (kiosk.qt.app).
    // From the window's own size, not the carousel's: it is known before the window is
    // shown, when the first photos are asked for.
    readonly property size photoBox: Theme.photoBox(width, height - bar.height)

    color: Theme.background
    title: session.title

    Binding {
        target: Theme
        property: "unit"
        // Landscape: sizes follow the height. Portrait: the width limits them, so that
        // a line of testimony still holds enough words.
        value: root.landscape ? root.height / 100 : Math.min(root.height / 100, root.width / 64)
    }
    Binding { target: Theme; property: "landscape"; value: root.landscape }
    Binding { target: root.report; property: "photoBox"; value: root.photoBox }
    Binding { target: root.report; property: "settled"; value: root.settled }

    Item {
        id: content
        anchors.fill: parent
        focus: true
        Keys.onLeftPressed: root.session.previous()
        Keys.onRightPressed: root.session.next()
        Keys.onEscapePressed: root.session.closePanel()

        TopBar {
            id: bar
            objectName: "topBar"
            visible: !root.empty
            width: parent.width
            height: implicitHeight
            session: root.session
        }

        PathView {
            id: carousel
            objectName: "carousel"
            readonly property PortraitPage currentPage: currentItem as PortraitPage
            visible: !root.empty
            anchors.fill: parent
            anchors.topMargin: bar.height
            model: root.session.cycle
            interactive: root.session.count > 1
            pathItemCount: Math.min(3, Math.max(1, root.session.count))
            // The pages after the neighbours are built ahead, while the visitor reads, so
            // that a swipe only draws (kiosk bench: swipe_ms).
            cacheItemCount: 2
            preferredHighlightBegin: 0.5
            preferredHighlightEnd: 0.5
            highlightRangeMode: PathView.StrictlyEnforceRange
            snapMode: PathView.SnapOneItem
            highlightMoveDuration: root.session.transitionMs
            maximumFlickVelocity: width * 3
            // The current page sits in the middle of a path `pathItemCount` pages long.
            path: Path {
                startX: carousel.width / 2 - carousel.pathItemCount * carousel.width / 2
                startY: carousel.height / 2
                PathLine {
                    x: carousel.width / 2 + carousel.pathItemCount * carousel.width / 2
                    y: carousel.height / 2
                }
            }
            delegate: PortraitPage {
                report: root.report
                listening: root.listening
                width: carousel.width
                height: carousel.height
                labels: root.session.labels
                count: root.session.count
                // Without transitions (snapshots, tests, the bench) photos appear at once too.
                fadeMs: root.session.transitionMs > 0 ? Theme.photoFadeMs : 0
            }
            currentIndex: root.session.currentIndex
            onMovementEnded: root.session.goTo(currentIndex)
        }

        EdgeButton {
            objectName: "previousEdge"
            visible: root.session.count > 1 && root.session.panel === ""
            forward: false
            x: 0
            y: carousel.y
            width: Theme.touchSize * 1.6
            height: root.landscape ? carousel.height : carousel.height * 0.4
            onTapped: root.session.previous()
        }
        EdgeButton {
            objectName: "nextEdge"
            visible: root.session.count > 1 && root.session.panel === ""
            forward: true
            x: root.width - width
            y: carousel.y
            width: Theme.touchSize * 1.6
            height: root.landscape ? carousel.height : carousel.height * 0.4
            onTapped: root.session.next()
        }

        // Panels exist only while open: hidden, they would rebuild their chips and
        // thumbnails on every change of the collection.
        Loader {
            anchors.fill: parent
            active: root.session.panel === "origin"
            sourceComponent: FilterPanel {
                objectName: "originPanel"
                session: root.session
                values: root.session.origins
                facet: "origin"
                heading: root.session.labels.chooseOrigin
            }
        }
        Loader {
            anchors.fill: parent
            active: root.session.panel === "profession"
            sourceComponent: FilterPanel {
                objectName: "professionPanel"
                session: root.session
                values: root.session.professions
                facet: "profession"
                heading: root.session.labels.chooseProfession
            }
        }
        Loader {
            anchors.fill: parent
            active: root.session.panel === "overview"
            sourceComponent: OverviewPanel {
                objectName: "overviewPanel"
                session: root.session
                report: root.report
            }
        }

        EmptyView {
            objectName: "emptyView"
            anchors.fill: parent
            visible: root.empty
            session: root.session
        }

        StillThere {
            anchors.fill: parent
            session: root.session
        }

        AdminLayer {
            anchors.fill: parent
            admin: root.admin
            listening: root.listening
        }
    }
}
